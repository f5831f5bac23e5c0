package io.tickwarden.gateway.domain;

import io.tickwarden.contracts.feed.TickMode;
import java.util.Optional;

/**
 * Client subscription modes, ordered: each carries the fields of the previous one and more. The same modes as the
 * contract's {@link TickMode}, whose spelling and parsing these use; kept as a gateway name only because much of
 * the gateway says {@code Mode}.
 */
public enum Mode {
    LTP,
    QUOTE,
    FULL;

    public TickMode tickMode() {
        return TickMode.valueOf(name());
    }

    public String wire() {
        return tickMode().wire();
    }

    public static Optional<Mode> fromWire(String value) {
        return TickMode.fromWire(value).map(m -> Mode.valueOf(m.name()));
    }

    public static Mode max(Mode a, Mode b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
