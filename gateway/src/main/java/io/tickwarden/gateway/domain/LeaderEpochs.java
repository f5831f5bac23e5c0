package io.tickwarden.gateway.domain;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The newest feed leader term this gateway has seen, across ALL instruments: a tick whose epoch ({@code seq / 1e9})
 * is older was published by a leader that has since been replaced (frozen or cut off from Redis, resumed before it
 * noticed), so it is dropped even for an instrument the new leader has not ticked yet; the per-instrument order
 * check alone would let it through there. A tick without a sequence number ({@code seq} 0) is not judged. Pure: no
 * I/O, no time; thread-safe (one atomic).
 */
public final class LeaderEpochs {

    /** What to do with a tick. */
    public enum Verdict {
        /** Of the newest epoch seen. */
        CURRENT,
        /** The first tick of a newer epoch: a new leader (the newest epoch moved up). */
        NEWER,
        /** Of an epoch older than the newest seen: drop it. */
        STALE
    }

    private final AtomicLong newest = new AtomicLong();

    /** The epoch of a tick's sequence number ({@code epoch * 1e9 + n}). */
    public static long epochOf(long seq) {
        return seq / RecoveryRule.PER_EPOCH;
    }

    /** Judges one tick by its {@code seq} and remembers its epoch when it is the newest. */
    public Verdict admit(long seq) {
        if (seq <= 0) {
            return Verdict.CURRENT;
        }
        long epoch = epochOf(seq);
        long before = newest.getAndAccumulate(epoch, Math::max);
        if (epoch < before) {
            return Verdict.STALE;
        }
        return epoch > before ? Verdict.NEWER : Verdict.CURRENT;
    }

    /** The newest epoch seen so far (0: none). */
    public long newest() {
        return newest.get();
    }
}
