package io.tickwarden.client;

/** How much of each tick a subscription receives (docs/gateway.md, "Tick fields by mode"). */
public enum Mode {
    /** Price only. */
    LTP,
    /** Price, quantities and OHLC. */
    QUOTE,
    /** Everything, market depth included. */
    FULL;

    /** The name on the wire: {@code ltp}, {@code quote}, {@code full}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
