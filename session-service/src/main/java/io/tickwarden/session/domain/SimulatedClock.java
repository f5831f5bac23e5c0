package io.tickwarden.session.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that starts at a chosen instant and runs {@code speed} times faster than real time, for demos and
 * tests. It is anchored on the monotonic nanosecond counter so wall-clock adjustments do not move it.
 */
public final class SimulatedClock extends Clock {

    private final Instant start;
    private final double speed;
    private final long anchorNanos;

    public SimulatedClock(Instant start, double speed) {
        this(start, speed, System.nanoTime());
    }

    private SimulatedClock(Instant start, double speed, long anchorNanos) {
        this.start = start;
        this.speed = speed;
        this.anchorNanos = anchorNanos;
    }

    public double speed() {
        return speed;
    }

    @Override
    public Instant instant() {
        long elapsed = System.nanoTime() - anchorNanos;
        return start.plusNanos((long) (elapsed * speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // The zone is irrelevant: we only ever read instants and convert them to IST ourselves.
        return this;
    }
}
