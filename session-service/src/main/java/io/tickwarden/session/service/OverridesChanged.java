package io.tickwarden.session.service;

/** CDI event: the set of overrides changed, so the publisher must re-evaluate at once. */
public record OverridesChanged(String reason) {}
