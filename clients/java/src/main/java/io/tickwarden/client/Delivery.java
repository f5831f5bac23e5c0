package io.tickwarden.client;

/** The connection's delivery mode, chosen at the upgrade ({@code /ws/market?delivery=...}). */
public enum Delivery {
    /** Pending ticks coalesce to the latest per symbol: a slow reader skips intermediate ticks, never falls behind. */
    LATEST,
    /**
     * Every tick, in order. A reader that falls too far behind is closed with 4008 ({@code SlowConsumerException});
     * the client then reconnects and recovers what it missed by position.
     */
    ALL;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
