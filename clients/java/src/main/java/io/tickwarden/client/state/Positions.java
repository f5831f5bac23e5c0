package io.tickwarden.client.state;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The position of each symbol: the highest {@code seq} received for it (tick, ticks or snapshot). Sent as
 * {@code positions} on a resubscribe so the gateway replays exactly what was missed. Thread-safe: written by the
 * client's thread, read by anyone.
 */
public final class Positions {

    private final Map<String, Long> seqs = new ConcurrentHashMap<>();

    /** Records {@code seq} for {@code symbol} if it is higher than the position; non-positive seqs are ignored. */
    public void advance(String symbol, long seq) {
        if (symbol != null && seq > 0) {
            seqs.merge(symbol, seq, Math::max);
        }
    }

    /** The position of {@code symbol}, or 0 when none is known. */
    public long of(String symbol) {
        return seqs.getOrDefault(symbol, 0L);
    }

    /** Positions of those of {@code symbols} that have one, in their order. */
    public Map<String, Long> of(Collection<String> symbols) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String s : symbols) {
            Long seq = seqs.get(s);
            if (seq != null) {
                out.put(s, seq);
            }
        }
        return out;
    }

    public void forget(Collection<String> symbols) {
        symbols.forEach(seqs::remove);
    }

    public Map<String, Long> all() {
        return Map.copyOf(seqs);
    }
}
