package io.tickwarden.gateway.domain;

import java.util.Locale;
import java.util.Optional;

/** Client subscription modes, ordered: each carries the fields of the previous one and more. */
public enum Mode {
    LTP, QUOTE, FULL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Mode> fromWire(String value) {
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

    public static Mode max(Mode a, Mode b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
