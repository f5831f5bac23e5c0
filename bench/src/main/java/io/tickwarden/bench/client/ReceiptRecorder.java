package io.tickwarden.bench.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every tick receipt as (token, volume, nanoTime), kept in per-thread primitive arrays so the event loops never
 * contend or allocate per tick; joined with kite-sim's send log after the run.
 */
public final class ReceiptRecorder {

    /** Growable parallel arrays owned by one event-loop thread. */
    public static final class Buffer {
        long[] keys = new long[1 << 16];
        long[] nanos = new long[1 << 16];
        int size;

        void add(long key, long t) {
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                nanos = java.util.Arrays.copyOf(nanos, size * 2);
            }
            keys[size] = key;
            nanos[size] = t;
            size++;
        }

        public int size() {
            return size;
        }

        public long key(int i) {
            return keys[i];
        }

        public long nanos(int i) {
            return nanos[i];
        }
    }

    private final List<Buffer> buffers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Buffer> local = ThreadLocal.withInitial(() -> {
        Buffer b = new Buffer();
        buffers.add(b);
        return b;
    });
    private volatile boolean recording;
    /** Receipts refused because the ticks had no volume (indices), which the join cannot identify. */
    private final java.util.concurrent.atomic.LongAdder noVolume = new java.util.concurrent.atomic.LongAdder();

    public static long key(int token, long volume) {
        return ((long) token << 32) | (volume & 0xffffffffL);
    }

    public void recording(boolean on) {
        recording = on;
    }

    public boolean recording() {
        return recording;
    }

    public void record(int token, long volume, long nanos) {
        if (!recording) {
            return;
        }
        if (volume <= 0) {
            noVolume.increment();
            return;
        }
        local.get().add(key(token, volume), nanos);
    }

    public long noVolume() {
        return noVolume.sum();
    }

    public List<Buffer> buffers() {
        return new ArrayList<>(buffers);
    }

    public long size() {
        return buffers.stream().mapToLong(Buffer::size).sum();
    }
}
