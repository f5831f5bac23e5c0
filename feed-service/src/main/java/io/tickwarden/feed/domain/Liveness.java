package io.tickwarden.feed.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Data-based liveness of an open socket (pings prove nothing: a server can pong and send no data).
 * <ul>
 *   <li>No frame at all (tick or heartbeat) for {@code heartbeatTimeout}: the socket is {@link Verdict#DEAD}.</li>
 *   <li>No tick for {@code staleAfter} while ticks are expected (LIVE): the feed is {@link Verdict#STALE}.</li>
 * </ul>
 * Silence is measured from the later of the last frame/tick and the moment the socket opened.
 */
public final class Liveness {

    public enum Verdict {
        OK,
        DEAD,
        STALE
    }

    private Liveness() {}

    public static Verdict judge(
            Instant now,
            Instant openedAt,
            Instant lastFrameAt,
            Instant lastTickAt,
            boolean ticksExpected,
            Duration heartbeatTimeout,
            Duration staleAfter) {
        Instant frameRef = later(openedAt, lastFrameAt);
        if (Duration.between(frameRef, now).compareTo(heartbeatTimeout) > 0) {
            return Verdict.DEAD;
        }
        if (ticksExpected) {
            Instant tickRef = later(openedAt, lastTickAt);
            if (Duration.between(tickRef, now).compareTo(staleAfter) > 0) {
                return Verdict.STALE;
            }
        }
        return Verdict.OK;
    }

    public static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
