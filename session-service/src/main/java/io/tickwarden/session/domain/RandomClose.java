package io.tickwarden.session.domain;

import io.tickwarden.contracts.session.MarketPhase;

/** A random-close window inside a phase, in seconds of the IST day. The phase itself lasts until {@code to}. */
public record RandomClose(MarketPhase phase, int from, int to) {}
