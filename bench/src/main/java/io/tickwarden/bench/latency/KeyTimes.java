package io.tickwarden.bench.latency;

import io.tickwarden.bench.client.ReceiptRecorder;

/**
 * An open-addressing map from a tick key (token, volume) to its earliest time in nanos: the reference side of a
 * join (the tap's receipts at Redis), without boxing the hundreds of thousands of ticks of one phase.
 */
public final class KeyTimes {

    /** Returned by {@link #get} for a key never put. */
    public static final long ABSENT = Long.MIN_VALUE;

    private final long[] keys;
    private final long[] values;
    private int size;

    public KeyTimes(int capacity) {
        int cap = Integer.highestOneBit(Math.max(16, capacity * 2) - 1) << 1;
        keys = new long[cap];
        values = new long[cap];
        java.util.Arrays.fill(keys, ABSENT);
    }

    /** Every receipt of {@code recorder}, the earliest per key (a tick seen twice keeps its first receipt). */
    public static KeyTimes of(ReceiptRecorder recorder) {
        KeyTimes times = new KeyTimes((int) Math.min(Integer.MAX_VALUE / 4, recorder.size() + 1));
        for (ReceiptRecorder.Buffer b : recorder.buffers()) {
            for (int i = 0; i < b.size(); i++) {
                times.putEarliest(b.key(i), b.nanos(i));
            }
        }
        return times;
    }

    public void putEarliest(long key, long nanos) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != ABSENT) {
            if (keys[i] == key) {
                values[i] = Math.min(values[i], nanos);
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = nanos;
        size++;
    }

    /** The earliest time of {@code key}, or {@link #ABSENT}. */
    public long get(long key) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != ABSENT) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return ABSENT;
    }

    public int size() {
        return size;
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return k;
    }
}
