package io.tickwarden.feed.service;

import io.tickwarden.feed.domain.Liveness;
import io.tickwarden.feed.domain.MarketSegment;
import io.tickwarden.feed.domain.SegmentClock;
import io.tickwarden.feed.domain.Tick;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * One socket's instants: connected since, last frame, last tick overall and per segment, when it became wanted
 * and when its segments started expecting ticks, and its last error. Written under the owning
 * {@link UpstreamLink}'s lock; every value is volatile (or in a concurrent map) for lock-free views.
 */
final class LinkTimes {

    private volatile Instant connectedSince;
    private volatile Instant lastFrameAt;
    private volatile Instant lastTickAt;
    private volatile Instant activeSince;
    private volatile Instant expectedSince;
    private volatile String lastError;
    private final Map<MarketSegment, Instant> lastTickBySegment = new ConcurrentHashMap<>();

    void active(Instant now) {
        if (activeSince == null) {
            activeSince = now;
        }
    }

    void inactive() {
        activeSince = null;
        expectedSince = null;
    }

    /** Silence only counts from the moment a segment of this socket started expecting ticks (e.g. 09:15 LIVE). */
    void expecting(Instant now, boolean expected) {
        if (!expected) {
            expectedSince = null;
        } else if (expectedSince == null) {
            expectedSince = now;
        }
    }

    void connected(Instant now) {
        connectedSince = now;
    }

    void disconnected() {
        connectedSince = null;
    }

    void frame(Instant now) {
        lastFrameAt = now;
    }

    void ticks(Instant now, List<Tick> ticks, LongFunction<MarketSegment> segmentOf) {
        lastFrameAt = now;
        lastTickAt = now;
        MarketSegment previous = null;
        for (Tick t : ticks) {
            MarketSegment s = segmentOf.apply(t.instrumentToken());
            if (s != previous) {
                lastTickBySegment.put(s, now);
                previous = s;
            }
        }
    }

    void error(String message) {
        lastError = message;
    }

    /** The last tick of any of {@code segments} that expects ticks now, no earlier than when they started to. */
    Instant lastExpectedTick(Set<MarketSegment> segments, SegmentClock clock) {
        Instant latest = expectedSince;
        for (MarketSegment s : segments) {
            if (clock.ticksExpected(s)) {
                latest = Liveness.later(latest, lastTickBySegment.get(s));
            }
        }
        return latest;
    }

    Instant lastTickOf(MarketSegment segment) {
        return lastTickBySegment.get(segment);
    }

    Instant connectedSince() {
        return connectedSince;
    }

    Instant lastFrameAt() {
        return lastFrameAt;
    }

    Instant lastTickAt() {
        return lastTickAt;
    }

    Instant activeSince() {
        return activeSince;
    }

    String lastError() {
        return lastError;
    }
}
