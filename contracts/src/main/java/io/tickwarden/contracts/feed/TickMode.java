package io.tickwarden.contracts.feed;

import java.util.Locale;
import java.util.Optional;

/**
 * Tick modes, ordered by how much they carry ({@code ltp < quote < full}): the {@code mode} of a {@link FeedTick},
 * of a {@link FeedDemand} and of a client subscription. A symbol wanted in two modes is held in the richer one.
 */
public enum TickMode {
    LTP("ltp"),
    QUOTE("quote"),
    FULL("full");

    private final String wire;

    TickMode(String wire) {
        this.wire = wire;
    }

    /** The JSON spelling, lower case. */
    public String wire() {
        return wire;
    }

    /** Any casing, surrounding blanks ignored; empty for null or an unknown mode. */
    public static Optional<TickMode> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "ltp" -> Optional.of(LTP);
            case "quote" -> Optional.of(QUOTE);
            case "full" -> Optional.of(FULL);
            default -> Optional.empty();
        };
    }

    public static TickMode richer(TickMode a, TickMode b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
