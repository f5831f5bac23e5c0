package io.tickwarden.feed.domain;

import java.time.Duration;
import java.time.Instant;

/** When the leader renews its lease and when it must fence itself. Pure: instants are passed in. */
public final class LeaseRules {

    private LeaseRules() {}

    /** A renew is due once {@code renewInterval} has passed since the last attempt (successful or not). */
    public static boolean renewDue(Instant lastAttemptAt, Instant now, Duration renewInterval) {
        return Duration.between(lastAttemptAt, now).compareTo(renewInterval) >= 0;
    }

    /**
     * Fencing: a leader whose last successful renew is older than {@code fenceAfter} (shorter than the TTL) stops
     * before the lease can expire and pass to another replica, so two replicas never hold sockets at once.
     */
    public static boolean fenced(Instant lastRenewOkAt, Instant now, Duration fenceAfter) {
        return Duration.between(lastRenewOkAt, now).compareTo(fenceAfter) > 0;
    }

    /**
     * Whether the lease is still certainly ours, on the monotonic clock ({@code System.nanoTime()}): less than
     * {@code fenceAfter} has passed since the start of the last successful renew (or of the acquire). Checked on the
     * path that publishes, before every batch, so a leader that was frozen (SIGSTOP, a long GC pause) or cut off from
     * Redis publishes nothing after it resumes, whatever its timers did meanwhile. Wall time could jump; nanoTime
     * keeps running while the JVM is stopped, so the first check after a resume sees the whole gap.
     */
    public static boolean leaseValid(long lastRenewOkNanos, long nowNanos, Duration fenceAfter) {
        return nowNanos - lastRenewOkNanos < fenceAfter.toNanos();
    }
}
