package io.tickwarden.feed.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Published ticks per second, from the running total sampled at least a second apart. Written only by the control
 * loop; {@link #perSecond()} is a volatile read for gauges and the state view.
 */
public final class TickRate {

    private long ticksAt;
    private Instant sampledAt;
    private volatile double perSecond;

    public void sample(Instant now, long total) {
        if (sampledAt == null) {
            sampledAt = now;
            ticksAt = total;
            return;
        }
        long ms = Duration.between(sampledAt, now).toMillis();
        if (ms >= 1000) {
            perSecond = Math.round((total - ticksAt) * 10000.0 / ms) / 10.0;
            sampledAt = now;
            ticksAt = total;
        }
    }

    public double perSecond() {
        return perSecond;
    }
}
