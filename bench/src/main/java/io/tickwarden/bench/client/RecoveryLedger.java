package io.tickwarden.bench.client;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One soak client's account of what it received, per symbol, from the ticks' sequence numbers
 * ({@code epoch * 1e9 + n}, n rising by one per tick of an instrument within a leader term): ticks missed (a hole
 * in n within an epoch), ticks received twice or out of order, and the recovery results of its reconnects. A
 * snapshot (sent when a recovery fails) is a reload: it starts the count afresh, so what it skipped is counted as
 * "not recoverable" by reason, not as missed. A hole is attributed to the label (the soak sets the fault being
 * injected) that was current when the last tick before it arrived: that is when the ticks went missing, while the
 * tick after it may arrive only during the next fault (a Redis restart drops what the feed could not publish while
 * Redis was down, and the next fault starts as soon as Redis is back). Not thread-safe: one client's messages arrive in order on
 * one thread.
 */
public final class RecoveryLedger {

    static final long EPOCH = 1_000_000_000L;

    /** The figures the soak reports for one client. */
    public record Summary(
            long ticks,
            long missed,
            long duplicates,
            long recovered,
            long replayed,
            Map<String, Long> notRecovered,
            Map<String, Long> missedDuring,
            long epochChangesLive) {}

    private final Map<String, Long> last = new HashMap<>();
    /** The label current when each symbol's last tick arrived. */
    private final Map<String, String> lastLabel = new HashMap<>();

    private final Map<String, Long> notRecovered = new TreeMap<>();
    private final Map<String, Long> missedDuring = new TreeMap<>();
    private volatile String label = "none";
    private long ticks;
    private long missed;
    private long duplicates;
    private long recovered;
    private long replayed;
    private long epochChangesLive;

    /** What the soak is doing right now (the fault being injected), for {@link Summary#missedDuring()}. */
    public void label(String label) {
        this.label = label;
    }

    public synchronized void tick(String symbol, long seq, boolean wasReplayed) {
        ticks++;
        if (wasReplayed) {
            replayed++;
        }
        String current = label;
        Long before = last.get(symbol);
        String labelBefore = lastLabel.put(symbol, current);
        if (before == null) {
            last.put(symbol, seq);
            return;
        }
        if (seq <= before) {
            duplicates++;
            return;
        }
        last.put(symbol, seq);
        if (seq / EPOCH != before / EPOCH) {
            // A new leader term seen on a live connection: its ticks start again at n = 1, and what the old leader
            // published last is in order before them; nothing to count as a hole.
            epochChangesLive++;
            return;
        }
        long hole = seq - before - 1;
        if (hole > 0) {
            missed += hole;
            missedDuring.merge(labelBefore == null ? current : labelBefore, hole, Long::sum);
        }
    }

    /** A snapshot quote: the symbol reloads from here. */
    public synchronized void snapshot(String symbol, long seq) {
        if (seq > 0) {
            last.put(symbol, seq);
            lastLabel.put(symbol, label);
        }
    }

    /** The recovery result for one symbol of a resubscribe with positions. */
    public synchronized void recovery(boolean ok, String reason) {
        if (ok) {
            recovered++;
        } else {
            notRecovered.merge(reason == null ? "?" : reason, 1L, Long::sum);
        }
    }

    /** The position to resubscribe with, or null when nothing was received for the symbol yet. */
    public synchronized Long position(String symbol) {
        return last.get(symbol);
    }

    public synchronized Summary summary() {
        return new Summary(
                ticks,
                missed,
                duplicates,
                recovered,
                replayed,
                new TreeMap<>(notRecovered),
                new TreeMap<>(missedDuring),
                epochChangesLive);
    }
}
