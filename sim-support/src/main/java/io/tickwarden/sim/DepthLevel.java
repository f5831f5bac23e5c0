package io.tickwarden.sim;

/** One level of market depth; price in segment units. */
public record DepthLevel(int quantity, long priceUnits, int orders) {

    public static final DepthLevel EMPTY = new DepthLevel(0, 0, 0);
}
