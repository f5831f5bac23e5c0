package io.tickwarden.gateway.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reference counts of client subscriptions per symbol and mode: what this gateway asks feed-service for. A symbol's
 * demand is the highest mode any client wants and the number of clients; it is released when the count reaches 0.
 * Synchronised: subscriptions change on many connection threads.
 */
public final class DemandCounts {

    /** One symbol's demand as feed-service reads it. */
    public record Demand(Mode mode, int clients) {}

    private final Map<String, int[]> counts = new HashMap<>();

    public synchronized void add(String symbol, Mode mode) {
        counts.computeIfAbsent(symbol, s -> new int[Mode.values().length])[mode.ordinal()]++;
    }

    /** Removes one reference; ignores a reference that was never added. */
    public synchronized void remove(String symbol, Mode mode) {
        int[] c = counts.get(symbol);
        if (c == null || c[mode.ordinal()] == 0) {
            return;
        }
        c[mode.ordinal()]--;
        if (total(c) == 0) {
            counts.remove(symbol);
        }
    }

    public synchronized Optional<Demand> demand(String symbol) {
        int[] c = counts.get(symbol);
        if (c == null) {
            return Optional.empty();
        }
        Mode highest = Mode.LTP;
        for (Mode m : Mode.values()) {
            if (c[m.ordinal()] > 0) {
                highest = m;
            }
        }
        return Optional.of(new Demand(highest, total(c)));
    }

    public synchronized Map<String, Demand> all() {
        Map<String, Demand> out = new HashMap<>();
        for (String s : counts.keySet()) {
            demand(s).ifPresent(d -> out.put(s, d));
        }
        return out;
    }

    public synchronized Set<String> symbols() {
        return Set.copyOf(counts.keySet());
    }

    private static int total(int[] c) {
        int t = 0;
        for (int v : c) {
            t += v;
        }
        return t;
    }
}
