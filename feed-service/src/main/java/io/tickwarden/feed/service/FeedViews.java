package io.tickwarden.feed.service;

import io.tickwarden.contracts.feed.FeedSegmentView;
import io.tickwarden.contracts.feed.FeedSocketView;
import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.domain.Ist;
import io.tickwarden.feed.domain.Liveness;
import io.tickwarden.feed.domain.MarketSegment;
import io.tickwarden.feed.domain.SegmentClock;
import io.tickwarden.feed.redis.UpstreamSnapshots.AuthSnapshot;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the state view and {@code GET /api/feed/subscriptions} show, gathered from the parts without locks: the
 * pool's sockets, every segment with its phase and held instruments, totals. Threading: read-only over volatile
 * values; any thread.
 */
@Singleton
public class FeedViews {

    private final Clock clock;
    private final Broker broker;
    private final LinkPool pool;
    private final FeedInputs inputs;
    private final SubscriptionSync subscriptions;
    private final InstrumentDirectory instruments;
    private final RestFallback fallback;

    FeedViews(
            Clock clock,
            Broker broker,
            LinkPool pool,
            FeedInputs inputs,
            SubscriptionSync subscriptions,
            InstrumentDirectory instruments,
            RestFallback fallback) {
        this.clock = clock;
        this.broker = broker;
        this.pool = pool;
        this.inputs = inputs;
        this.subscriptions = subscriptions;
        this.instruments = instruments;
        this.fallback = fallback;
    }

    public String broker() {
        return broker.name();
    }

    FeedStatus.Facts facts(double ticksPerSecond) {
        Instant now = clock.instant();
        Instant connectedSince = null;
        Instant nextRetryAt = null;
        long attempts = 0;
        int failures = 0;
        int confirmed = 0;
        int requested = 0;
        List<String> unconfirmed = new ArrayList<>();
        List<FeedSocketView> sockets = new ArrayList<>();
        for (UpstreamLink l : pool.links()) {
            LinkTimes t = l.times();
            attempts += l.attempts().started();
            failures = Math.max(failures, l.attempts().retry().consecutiveFailures());
            confirmed += l.subscriptions().confirmed().size();
            requested += l.subscriptions().requested();
            if (l.isConnected()) {
                unconfirmed.addAll(l.subscriptions().unconfirmed());
                connectedSince = earlier(connectedSince, t.connectedSince());
            } else if (t.activeSince() != null) {
                nextRetryAt = earlier(nextRetryAt, l.attempts().retry().nextAt());
            }
            if (t.activeSince() != null || l.subscriptions().anyDesired() || l.index() == 0) {
                sockets.add(new FeedSocketView(
                        l.index(),
                        l.status().state().name(),
                        l.status().mode().name(),
                        l.subscriptions().requested(),
                        l.subscriptions().confirmed().size(),
                        Ist.format(t.connectedSince()),
                        age(t.lastTickAt(), now),
                        l.status().reason()));
            }
        }
        AuthSnapshot a = inputs.auth();
        return new FeedStatus.Facts(
                connectedSince,
                lastTickAt(),
                attempts,
                failures,
                nextRetryAt == null ? Instant.EPOCH : nextRetryAt,
                confirmed,
                requested,
                unconfirmed,
                subscriptions.capacityError(),
                inputs.phase(),
                a == null ? null : a.state(),
                ticksPerSecond,
                broker.name(),
                sockets,
                segments(now));
    }

    private List<FeedSegmentView> segments(Instant now) {
        SegmentClock c = inputs.clock();
        Map<MarketSegment, Integer> counts = pool.instrumentsBySegment();
        List<FeedSegmentView> out = new ArrayList<>();
        for (MarketSegment s : MarketSegment.ALL) {
            Instant last = null;
            for (UpstreamLink l : pool.links()) {
                last = Liveness.later(last, l.times().lastTickOf(s));
            }
            out.add(new FeedSegmentView(
                    s.key(),
                    c.phase(s).phase(),
                    c.open(s),
                    c.ticksExpected(s),
                    counts.getOrDefault(s, 0),
                    age(last, now)));
        }
        return out;
    }

    /** {@code GET /api/feed/subscriptions}. */
    Map<String, Object> subscriptions() {
        List<SubscriptionSync.Held> held = new ArrayList<>();
        List<Map<String, Object>> sockets = new ArrayList<>();
        for (UpstreamLink l : pool.links()) {
            boolean open = l.isConnected();
            Map<Long, TickMode> holds = l.subscriptions().held(open);
            var confirmed = l.subscriptions().confirmed();
            holds.forEach((token, mode) -> held.add(new SubscriptionSync.Held(
                    token,
                    mode,
                    l.index(),
                    confirmed.contains(token),
                    instruments.segmentOf(token).key())));
            Map<String, Object> socket = new LinkedHashMap<>();
            socket.put("socket", l.index());
            socket.put("state", l.status().state().name());
            socket.put("connected", open);
            socket.put("instruments", holds.size());
            socket.put("confirmed", confirmed.size());
            sockets.add(socket);
        }
        return subscriptions.describe(held, sockets);
    }

    int confirmed() {
        return pool.links().stream()
                .mapToInt(l -> l.subscriptions().confirmed().size())
                .sum();
    }

    Instant lastTickAt() {
        Instant last = fallback.lastRestTickAt();
        for (UpstreamLink l : pool.links()) {
            last = Liveness.later(last, l.times().lastTickAt());
        }
        return last;
    }

    Double lastTickAgeSeconds() {
        Double age = age(lastTickAt(), clock.instant());
        return age == null ? -1.0 : age;
    }

    private static Double age(Instant at, Instant now) {
        return at == null ? null : Duration.between(at, now).toMillis() / 1000.0;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
