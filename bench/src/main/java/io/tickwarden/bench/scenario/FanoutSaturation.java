package io.tickwarden.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a phase measured the fan-out or a saturated box. The part before the fan-out (kite-sim -> feed -> Redis)
 * is the same code for both peers, so when it is slow, short or interrupted the whole machine was overloaded and the
 * phase says nothing about the gateway or NATS: it is reported but not compared.
 */
public final class FanoutSaturation {

    /**
     * Default sim->Redis p99 limit. In the 34 committed phases of bench/results/publish-as-decoded the six with a
     * sim->Redis p99 of at most 481 ms all delivered at least 99.8 % of the expected ticks, and every phase above
     * 648 ms was an overload episode (deliveries below 99 % or end-to-end p99 over 1.2 s); 500 ms splits the two.
     */
    public static final double DEFAULT_UPSTREAM_P99_MS = 500;

    /** Below this share of the expected deliveries ticks were lost (a steady phase delivers 0.998 to 1.05). */
    public static final double MIN_DELIVERED = 0.99;

    private FanoutSaturation() {}

    /** Why the phase is saturated, or null if it is not. */
    public static String reason(
            double upstreamP99Ms,
            double deliveriesPerSecond,
            double expectedPerSecond,
            double leaseChanges,
            double upstreamP99LimitMs) {
        List<String> why = new ArrayList<>();
        if (Double.isNaN(upstreamP99Ms)) {
            why.add("no sim→Redis sample");
        } else if (upstreamP99Ms > upstreamP99LimitMs) {
            why.add(String.format(Locale.ROOT, "sim→Redis p99 %.0f ms > %.0f ms", upstreamP99Ms, upstreamP99LimitMs));
        }
        if (expectedPerSecond > 0 && deliveriesPerSecond < MIN_DELIVERED * expectedPerSecond) {
            why.add(String.format(
                    Locale.ROOT, "delivered %.1f %% of expected", 100 * deliveriesPerSecond / expectedPerSecond));
        }
        if (leaseChanges > 0) {
            why.add(String.format(Locale.ROOT, "feed leadership changed (%.0f lease events)", leaseChanges));
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }
}
