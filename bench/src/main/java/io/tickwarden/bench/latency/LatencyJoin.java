package io.tickwarden.bench.latency;

import io.tickwarden.bench.client.ReceiptRecorder;
import java.util.function.LongUnaryOperator;
import org.HdrHistogram.Histogram;

/**
 * Joins client receipts, tick by tick on (token, volume), with an earlier instant of the same tick into a histogram
 * in microseconds: kite-sim's send (end to end), or the bench's own receipt at Redis (the fan-out hop).
 */
public final class LatencyJoin {

    /**
     * {@code negative}: receipts that came before their reference instant; dropped from the end-to-end join (a clock
     * error), counted as 0 in the hop (the tap's thread can be scheduled after the client's on a busy box).
     */
    public record Result(Histogram micros, long matched, long unmatched, long negative) {}

    private static final long HIGHEST_MICROS = 60_000_000L;

    private LatencyJoin() {}

    /** kite-sim send -> client receipt. */
    public static Result join(SendLog log, ReceiptRecorder recorder) {
        return join(log::sendNanos, recorder, false);
    }

    /**
     * Redis receipt (the tap, a subscriber on {@code feed.ticks} like the gateway and the NATS bridge) -> client
     * receipt of the same tick: the fan-out hop, whichever peer fanned it out.
     */
    public static Result hop(ReceiptRecorder tap, ReceiptRecorder clients) {
        KeyTimes atRedis = KeyTimes.of(tap);
        return join(atRedis::get, clients, true);
    }

    private static Result join(LongUnaryOperator reference, ReceiptRecorder recorder, boolean negativeAsZero) {
        Histogram h = new Histogram(HIGHEST_MICROS, 3);
        long matched = 0;
        long unmatched = 0;
        long negative = 0;
        for (ReceiptRecorder.Buffer b : recorder.buffers()) {
            for (int i = 0; i < b.size(); i++) {
                long ref = reference.applyAsLong(b.key(i));
                if (ref == Long.MIN_VALUE) {
                    unmatched++;
                    continue;
                }
                long micros = (b.nanos(i) - ref) / 1000;
                if (micros < 0) {
                    negative++;
                    if (!negativeAsZero) {
                        continue;
                    }
                    micros = 0;
                }
                h.recordValue(Math.min(micros, HIGHEST_MICROS));
                matched++;
            }
        }
        return new Result(h, matched, unmatched, negative);
    }
}
