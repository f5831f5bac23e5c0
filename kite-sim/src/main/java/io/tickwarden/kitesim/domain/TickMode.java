package io.tickwarden.kitesim.domain;

import java.util.Locale;
import java.util.Optional;

/** Ticker streaming modes, named as on the wire. */
public enum TickMode {
    LTP,
    QUOTE,
    FULL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TickMode> fromWire(String name) {
        for (TickMode m : values()) {
            if (m.wireName().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
