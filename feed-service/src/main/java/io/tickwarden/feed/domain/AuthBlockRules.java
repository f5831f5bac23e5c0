package io.tickwarden.feed.domain;

import java.time.Duration;
import java.time.Instant;

/** When an AUTH_BLOCKED feed may connect again, and how soon an unheard report is re-sent. Pure. */
public final class AuthBlockRules {

    private static final Duration FAILURE_RETRY = Duration.ofSeconds(1);

    private AuthBlockRules() {}

    /**
     * auth-service says VALID again since the block: an auth.state event to VALID after the block, a new token
     * version, or a snapshot whose state_since / last_validated_at is later than the block.
     */
    public static boolean unblocked(
            boolean valid,
            Long tokenVersion,
            Instant stateSince,
            Instant lastValidatedAt,
            boolean validEventSinceBlock,
            Long blockedVersion,
            Instant blockedAt) {
        if (!valid) {
            return false;
        }
        if (validEventSinceBlock) {
            return true;
        }
        if (tokenVersion != null && !tokenVersion.equals(blockedVersion)) {
            return true;
        }
        if (blockedAt == null) {
            return false;
        }
        return stateSince != null && stateSince.isAfter(blockedAt)
                || lastValidatedAt != null && lastValidatedAt.isAfter(blockedAt);
    }

    /** After the n-th (1-based) consecutive failed or unheard report: 1 s doubling, at most {@code retry}. */
    public static Duration retryAfterFailures(int failures, Duration retry) {
        long factor = 1L << Math.min(failures - 1, 20);
        Duration delay = FAILURE_RETRY.multipliedBy(factor);
        return delay.compareTo(retry) > 0 ? retry : delay;
    }
}
