package io.tickwarden.bench.latency;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * kite-sim's send log ({@code KITE_SIM_SEND_LOG}): 16-byte big-endian records (int32 token, int32 volume,
 * int64 nanoTime at the write), loaded into an open-addressing map (token, volume) -> earliest send time.
 */
public final class SendLog {

    /** Bytes per record: token, volume, nanos. */
    public static final int RECORD_BYTES = 16;

    private long[] keys;
    private long[] values;
    private int size;
    private long records;
    private long duplicates;

    private SendLog(int capacity) {
        int cap = Integer.highestOneBit(Math.max(16, capacity * 2) - 1) << 1;
        keys = new long[cap];
        values = new long[cap];
        java.util.Arrays.fill(keys, Long.MIN_VALUE);
    }

    public static SendLog read(Path file) throws IOException {
        return read(file, 0);
    }

    /** Records from byte {@code offset} (rounded down to a record) to the current end of the file. */
    public static SendLog read(Path file, long offset) throws IOException {
        long start = offset - offset % 16;
        long bytes = Files.size(file) - start;
        SendLog log = new SendLog((int) Math.min(Integer.MAX_VALUE / 4, bytes / 16 + 1));
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 20))) {
            in.skipNBytes(start);
            for (long i = 0; i < bytes / 16; i++) {
                int token;
                try {
                    token = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                int volume = in.readInt();
                long nanos = in.readLong();
                log.records++;
                if (volume > 0) {
                    log.put(io.tickwarden.bench.client.ReceiptRecorder.key(token, volume), nanos);
                }
            }
        }
        return log;
    }

    private void put(long key, long nanos) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != Long.MIN_VALUE) {
            if (keys[i] == key) {
                duplicates++;
                if (nanos < values[i]) {
                    values[i] = nanos;
                }
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = nanos;
        size++;
    }

    /** Send time of (token, volume), or {@code Long.MIN_VALUE} if the sim never logged it. */
    public long sendNanos(long key) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != Long.MIN_VALUE) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return Long.MIN_VALUE;
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return k;
    }

    public long records() {
        return records;
    }

    public int distinct() {
        return size;
    }

    /** Records whose (token, volume) repeated (the sim sent the same tick twice, e.g. a resubscribe snapshot). */
    public long duplicates() {
        return duplicates;
    }
}
