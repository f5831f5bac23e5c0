package io.tickwarden.gateway.domain;

import java.time.Duration;
import java.time.Instant;

/** Whether a Redis snapshot can be believed: its owner must have rewritten it within the staleness threshold. */
public enum Freshness {
    FRESH,
    STALE,
    MISSING,
    UNREADABLE;

    /**
     * Age of a snapshot: from the time its owner says it wrote it ({@code writtenAt}, when the owner's clock is the
     * wall clock) or else from when this gateway saw its content last change. Never negative.
     */
    public static Duration age(Instant writtenAt, Instant observedChangeAt, Instant now) {
        Instant from = writtenAt != null ? writtenAt : observedChangeAt;
        if (from == null || from.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(from, now);
    }

    public static Freshness judge(Duration age, Duration staleAfter) {
        return age.compareTo(staleAfter) > 0 ? STALE : FRESH;
    }
}
