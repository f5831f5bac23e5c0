package io.tickwarden.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which faults of a simulator are active and until when. A fault with a duration applies to every connection, open
 * or new, until it ends; without one it lasts until cleared ({@code DELETE /sim/faults/{kind}} or {@code /sim/reset}).
 * {@code drop} is an act (cut every open socket now); with a duration it also refuses new handshakes meanwhile.
 * Uses wall time, not the sim clock: moving the market clock must not end a fault early. Each simulator names its
 * own kinds (Kite's 403 is Angel's 401) and exposes this as a bean.
 */
public class Faults<K extends Enum<K> & Faults.Kind> {

    /** A fault kind as {@code POST /sim/faults} names it. */
    public interface Kind {
        String wireName();
    }

    /** Active fault: until {@code null} means until cleared. */
    public record ActiveFault<K>(K kind, Instant until, Duration slowDelay) {}

    private final Class<K> kinds;
    private final Map<K, ActiveFault<K>> active;

    protected Faults(Class<K> kinds) {
        this.kinds = kinds;
        this.active = new EnumMap<>(kinds);
    }

    public synchronized void activate(K kind, Duration duration, Duration slowDelay) {
        Instant until = duration == null ? null : Instant.now().plus(duration);
        active.put(kind, new ActiveFault<>(kind, until, slowDelay));
    }

    public synchronized boolean isActive(K kind) {
        return current(kind).isPresent();
    }

    public synchronized Optional<ActiveFault<K>> current(K kind) {
        ActiveFault<K> fault = active.get(kind);
        if (fault == null) {
            return Optional.empty();
        }
        if (fault.until() != null && !Instant.now().isBefore(fault.until())) {
            active.remove(kind);
            return Optional.empty();
        }
        return Optional.of(fault);
    }

    public synchronized boolean clear(K kind) {
        return active.remove(kind) != null;
    }

    public synchronized void clearAll() {
        active.clear();
    }

    /** Active faults with their remaining time, for {@code GET /sim/faults}. */
    public synchronized Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (K kind : kinds.getEnumConstants()) {
            current(kind)
                    .ifPresent(f -> out.put(
                            kind.wireName(),
                            f.until() == null
                                    ? "until cleared"
                                    : Map.of(
                                            "until",
                                            f.until().toString(),
                                            "remaining_ms",
                                            Math.max(
                                                    0,
                                                    Duration.between(Instant.now(), f.until())
                                                            .toMillis()))));
        }
        return out;
    }
}
