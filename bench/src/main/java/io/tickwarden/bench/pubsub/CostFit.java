package io.tickwarden.bench.pubsub;

import java.util.List;

/**
 * Redis' CPU for {@code feed.ticks} as two costs, fitted by least squares (no intercept: an idle Redis uses
 * next to nothing) over the points that measured Redis and not the bench: a cost per published message (the
 * PUBLISH command: read, parse, look up the channel) and a cost per delivered message (the copy into each
 * subscriber's output buffer and the write to its socket). Per message, not per tick, because Redis never looks
 * inside a message; at 250 ticks per message the per-tick cost is 1/250 of it.
 */
public final class CostFit {

    /** One point: messages published and delivered (published x subscribers) per second, Redis CPU % of a core. */
    public record Point(double publishedPerSecond, double deliveredPerSecond, double redisCpuPercent) {}

    /**
     * Microseconds of one Redis core per published and per delivered message; NaN when the points cannot separate
     * them (fewer than two, or every point with the same subscriber count).
     */
    public record Fit(double microsPerPublish, double microsPerDelivery, int points) {

        /** Predicted Redis CPU in % of one core. */
        public double cpuPercent(double publishedPerSecond, double deliveredPerSecond) {
            return (microsPerPublish * publishedPerSecond + microsPerDelivery * deliveredPerSecond) / 1e4;
        }
    }

    private CostFit() {}

    public static Fit fit(List<Point> points) {
        // Normal equations of cpu = a * p + b * d, cpu as core-microseconds per second (% x 1e4).
        double pp = 0, pd = 0, dd = 0, pc = 0, dc = 0;
        for (Point x : points) {
            double c = x.redisCpuPercent() * 1e4;
            pp += x.publishedPerSecond() * x.publishedPerSecond();
            pd += x.publishedPerSecond() * x.deliveredPerSecond();
            dd += x.deliveredPerSecond() * x.deliveredPerSecond();
            pc += x.publishedPerSecond() * c;
            dc += x.deliveredPerSecond() * c;
        }
        double det = pp * dd - pd * pd;
        if (points.size() < 2 || Math.abs(det) <= 1e-9 * pp * dd) {
            return new Fit(Double.NaN, Double.NaN, points.size());
        }
        return new Fit((pc * dd - dc * pd) / det, (dc * pp - pc * pd) / det, points.size());
    }
}
