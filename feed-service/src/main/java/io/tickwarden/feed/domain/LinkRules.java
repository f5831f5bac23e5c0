package io.tickwarden.feed.domain;

import java.time.Duration;
import java.time.Instant;

/** What one upstream link does on a control step, from its connection facts. Pure: instants are passed in. */
public final class LinkRules {

    /** KEEP: open and live (bring subscriptions in line); WAIT: attempt in flight or backoff not over. */
    public enum Action {
        KEEP,
        DROP_DEAD,
        DROP_STALE,
        CONNECT_TIMEOUT,
        WAIT,
        CONNECT
    }

    private LinkRules() {}

    /**
     * @param open            a socket is open
     * @param connecting      a handshake is in flight (single-flight: never a second one)
     * @param liveness        the open socket's verdict ({@link Liveness}); ignored when not open
     */
    public static Action next(
            Instant now,
            boolean open,
            Liveness.Verdict liveness,
            boolean connecting,
            Instant connectStartedAt,
            Duration connectTimeout,
            Instant nextRetryAt) {
        if (open) {
            return switch (liveness) {
                case DEAD -> Action.DROP_DEAD;
                case STALE -> Action.DROP_STALE;
                case OK -> Action.KEEP;
            };
        }
        if (connecting) {
            return Duration.between(connectStartedAt, now).compareTo(connectTimeout) > 0
                    ? Action.CONNECT_TIMEOUT
                    : Action.WAIT;
        }
        return now.isBefore(nextRetryAt) ? Action.WAIT : Action.CONNECT;
    }
}
