package io.tickwarden.feed.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When one link may try to connect again: jittered {@link Backoff} after each failure, reset by the first data
 * after a connect, by a new leader term and when AUTH_BLOCKED lifts. Not thread-safe: its link calls the mutators
 * under the link's lock; the instant and the failure count are volatile for lock-free readers (the state view).
 */
public final class RetrySchedule {

    private final Backoff backoff;
    private volatile Instant nextAt = Instant.EPOCH;
    private volatile int consecutiveFailures;

    public RetrySchedule(Backoff backoff) {
        this.backoff = backoff;
    }

    /** A failed attempt or a dropped socket: counts it and schedules the next try; returns the delay. */
    public Duration failed(Instant now) {
        consecutiveFailures++;
        return later(now);
    }

    /** Schedules the next try without counting a failure (e.g. a handshake that timed out); returns the delay. */
    public Duration later(Instant now) {
        Duration delay = backoff.next();
        nextAt = now.plus(delay);
        return delay;
    }

    /** Try at {@code now}, keeping the backoff (admin reconnect). */
    public void at(Instant now) {
        nextAt = now;
    }

    /** Try at {@code now} with a fresh backoff (new term, auth-service said VALID again). */
    public void resetAt(Instant now) {
        nextAt = now;
        backoff.reset();
    }

    /** The first data after a connect: the link works again. */
    public void dataArrived() {
        backoff.reset();
        consecutiveFailures = 0;
    }

    public Instant nextAt() {
        return nextAt;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }
}
