package io.tickwarden.smartapisim.service;

import java.util.Locale;
import java.util.Optional;

/** The faults {@code POST /sim/faults} can inject; docs/smartapi-sim.md gives the exact semantics of each. */
public enum FaultKind implements io.tickwarden.sim.Faults.Kind {
    DROP,
    SILENCE,
    NO_PONG,
    REJECT_401,
    REJECT_429,
    MALFORMED,
    SLOW;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FaultKind> fromWire(String name) {
        for (FaultKind k : values()) {
            if (k.wireName().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
