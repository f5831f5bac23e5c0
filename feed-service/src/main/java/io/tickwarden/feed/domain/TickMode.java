package io.tickwarden.feed.domain;

import java.util.Locale;
import java.util.Optional;

/** Kite ticker modes, ordered by how much they carry: a symbol wanted in two modes is held in the richer one. */
public enum TickMode {
    LTP("ltp"), QUOTE("quote"), FULL("full");

    private final String wire;

    TickMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

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
