package io.tickwarden.bench.latency;

import io.tickwarden.bench.client.ReceiptRecorder;
import org.HdrHistogram.Histogram;

/** Joins client receipts with the send log into a histogram of send-to-receipt latency in microseconds. */
public final class LatencyJoin {

    public record Result(Histogram micros, long matched, long unmatched, long negative) {}

    private LatencyJoin() {}

    public static Result join(SendLog log, ReceiptRecorder recorder) {
        Histogram h = new Histogram(60_000_000L, 3);
        long matched = 0;
        long unmatched = 0;
        long negative = 0;
        for (ReceiptRecorder.Buffer b : recorder.buffers()) {
            for (int i = 0; i < b.size(); i++) {
                long sent = log.sendNanos(b.key(i));
                if (sent == Long.MIN_VALUE) {
                    unmatched++;
                    continue;
                }
                long micros = (b.nanos(i) - sent) / 1000;
                if (micros < 0) {
                    negative++;
                    continue;
                }
                h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
                matched++;
            }
        }
        return new Result(h, matched, unmatched, negative);
    }
}
