package io.tickwarden.bench.latency;

import org.HdrHistogram.Histogram;

/** The percentiles of one join in milliseconds (NaN without samples), with what the join could not match. */
public record Percentiles(
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        long samples,
        long unmatched,
        long negative) {

    public static Percentiles of(LatencyJoin.Result r) {
        Histogram h = r.micros();
        return new Percentiles(
                ms(h, 50),
                ms(h, 90),
                ms(h, 99),
                ms(h, 99.9),
                h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0,
                r.matched(),
                r.unmatched(),
                r.negative());
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
