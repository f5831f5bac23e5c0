package io.tickwarden.gateway.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * How a connection receives ticks, chosen at the upgrade ({@code /ws/market?delivery=...}): {@code latest} (the
 * default) coalesces pending ticks to the newest per symbol, {@code all} sends every tick in order from a bounded
 * queue and closes the connection (4008) rather than skip one.
 */
public enum Delivery {
    LATEST,
    ALL;

    /** The query parameter naming it. */
    public static final String PARAMETER = "delivery";

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A missing value is {@link #LATEST}; an unknown one is empty. */
    public static Optional<Delivery> fromWire(String value) {
        if (value == null) {
            return Optional.of(LATEST);
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "latest" -> Optional.of(LATEST);
            case "all" -> Optional.of(ALL);
            default -> Optional.empty();
        };
    }
}
