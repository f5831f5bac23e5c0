package io.tickwarden.feed.domain;

/** One market-depth level as decoded: price already divided by the segment divisor. */
public record DepthLevel(int quantity, double price, int orders) {}
