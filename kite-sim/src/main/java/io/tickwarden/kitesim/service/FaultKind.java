package io.tickwarden.kitesim.service;

import java.util.Locale;
import java.util.Optional;

/** The faults {@code POST /sim/faults} can inject; see the README for the exact semantics of each. */
public enum FaultKind implements io.tickwarden.sim.Faults.Kind {
    DROP,
    SILENCE,
    NO_HEARTBEAT,
    NO_PONG,
    REJECT_403,
    REJECT_500,
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
