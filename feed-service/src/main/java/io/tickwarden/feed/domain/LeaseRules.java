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
}
