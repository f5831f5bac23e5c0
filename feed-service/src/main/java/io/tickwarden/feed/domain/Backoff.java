package io.tickwarden.feed.domain;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Jittered exponential backoff ("equal jitter"): the n-th delay is uniformly drawn from [cap/2, cap] where
 * cap = min(max, initial * 2^n). Half the delay is fixed so retries never collapse to zero, half is random so
 * replicas and restarts do not retry in lockstep. Never gives up; {@link #reset()} after the first data frame.
 * Not thread-safe: owned by the supervisor's control loop.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int attempt;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    public Duration next() {
        long cap = cap(attempt);
        if (attempt < 62) {
            attempt++;
        }
        long half = cap / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (cap - half)));
    }

    /** Upper bound of the n-th delay (0-based), for tests and docs. */
    public long cap(int n) {
        long base = initial.toMillis();
        long limit = max.toMillis();
        if (n >= 40) {
            return limit;
        }
        return Math.min(limit, base << n);
    }

    public void reset() {
        attempt = 0;
    }

    public int attempts() {
        return attempt;
    }
}
