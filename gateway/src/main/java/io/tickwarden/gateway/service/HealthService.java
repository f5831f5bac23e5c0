package io.tickwarden.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.gateway.GatewayMessages;
import io.tickwarden.contracts.session.SessionRedisNames;
import io.tickwarden.gateway.config.GatewayConfig;
import io.tickwarden.gateway.domain.Freshness;
import io.tickwarden.gateway.domain.HealthRules;
import io.tickwarden.gateway.domain.Segments;
import io.tickwarden.gateway.domain.UpstreamViews;
import io.tickwarden.gateway.domain.UpstreamViews.Snapshot;
import io.tickwarden.gateway.redis.UpstreamFormats;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the gateway believes about market, auth and feed and about every exchange segment's session: the snapshot
 * keys, re-read every poll interval and on every change event (a {@code market.session} phase change of any segment
 * included), each judged fresh or stale, and the priority verdict over them. Fires a {@link StatusChanged} event when
 * anything a client's {@code connection_status} shows has changed, a segment's phase included.
 */
@Singleton
public class HealthService {

    /** What clients are told in {@code connection_status}; compared to decide whether to tell them again. */
    public record StatusKey(
            String priority,
            String feedState,
            String feedMode,
            String quality,
            String marketPhase,
            boolean authRequired,
            String message,
            List<GatewayMessages.SegmentStatus> segments) {}

    /** Fired when {@link StatusKey} changed. */
    public record StatusChanged(Current current) {}

    /** One consistent view; {@code segments} are every configured segment's session, in configured order. */
    public record Current(
            Tracked<UpstreamViews.Market> market,
            Tracked<UpstreamViews.Auth> auth,
            Tracked<UpstreamViews.Feed> feed,
            List<UpstreamViews.Segment> segments,
            HealthRules.Verdict verdict,
            boolean redisUp,
            Instant at) {

        public StatusKey statusKey() {
            UpstreamViews.Feed f = feed.snapshot().fresh() ? feed.snapshot().view() : null;
            UpstreamViews.Market m =
                    market.snapshot().fresh() ? market.snapshot().view() : null;
            return new StatusKey(
                    verdict.status().name(),
                    f == null ? "UNKNOWN" : f.state(),
                    f == null ? "UNKNOWN" : f.mode(),
                    f == null ? "DOWN" : nz(f.connectionQuality(), "UNKNOWN"),
                    m == null ? "UNKNOWN" : m.phase(),
                    verdict.authRequired(),
                    verdict.message(),
                    Segments.statuses(segments));
        }
    }

    /** One key: its raw JSON, parsed view, and freshness. */
    public record Tracked<T>(JsonNode raw, Snapshot<T> snapshot) {}

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final Clock clock;
    private final GatewayConfig.Health config;
    private final Event<StatusChanged> events;
    private final Slot<UpstreamViews.Market> market =
            new Slot<>(UpstreamFormats::market, UpstreamViews.Market::writtenAt);
    private final Slot<UpstreamViews.Auth> auth = new Slot<>(UpstreamFormats::auth, UpstreamViews.Auth::writtenAt);
    private final Slot<UpstreamViews.Feed> feed = new Slot<>(UpstreamFormats::feed, UpstreamViews.Feed::writtenAt);
    /** Segment id ("MCX:COM") to its slot, in configured order. */
    private final Map<String, Slot<UpstreamViews.Market>> segments = new LinkedHashMap<>();

    private final String defaultSegment;
    private volatile boolean redisUp;
    private volatile Current current;
    private StatusKey lastKey;

    HealthService(
            ReactiveRedisDataSource redis,
            ObjectMapper json,
            Clock clock,
            GatewayConfig config,
            Event<StatusChanged> events) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
        this.config = config.health();
        this.events = events;
        for (String id : this.config.segments()) {
            segments.put(id.trim(), new Slot<>(UpstreamFormats::market, UpstreamViews.Market::writtenAt));
        }
        this.defaultSegment = segments.keySet().stream()
                .filter(id -> id.startsWith(this.config.exchange() + ":"))
                .findFirst()
                .orElse(this.config.exchange() + ":CM");
        this.current = evaluate();
    }

    public String marketKey() {
        return SessionRedisNames.marketSessionKey(config.exchange());
    }

    /** Key of one segment's session, {@code market:session:MCX:COM} for "MCX:COM". */
    public static String segmentKey(String segment) {
        int colon = segment.indexOf(':');
        return colon < 0
                ? SessionRedisNames.marketSessionKey(segment)
                : SessionRedisNames.marketSessionKey(segment.substring(0, colon), segment.substring(colon + 1));
    }

    /**
     * Re-reads the three keys and every segment's session (one MGET) and re-evaluates; on a Redis failure the old
     * values age into STALE.
     */
    public Uni<Current> refresh() {
        List<String> keys = new ArrayList<>(List.of(marketKey(), AuthRedisNames.STATE_KEY, FeedRedisNames.STATE_KEY));
        segments.keySet().forEach(id -> keys.add(segmentKey(id)));
        return redis.value(String.class)
                .mget(keys.toArray(String[]::new))
                .map(values -> {
                    Instant now = clock.instant();
                    synchronized (this) {
                        redisUp = true;
                        market.update(values.get(marketKey()), now, json);
                        auth.update(values.get(AuthRedisNames.STATE_KEY), now, json);
                        feed.update(values.get(FeedRedisNames.STATE_KEY), now, json);
                        segments.forEach((id, slot) -> slot.update(values.get(segmentKey(id)), now, json));
                    }
                    return publish();
                })
                .onFailure()
                .recoverWithItem(e -> {
                    redisUp = false;
                    return publish();
                });
    }

    /** Re-evaluates without reading (staleness advances with time alone). */
    public Current reevaluate() {
        return publish();
    }

    public Current current() {
        return current;
    }

    public Duration staleAfter() {
        return config.staleAfter();
    }

    private Current publish() {
        Current c = evaluate();
        boolean changed;
        synchronized (this) {
            current = c;
            StatusKey key = c.statusKey();
            changed = !key.equals(lastKey);
            lastKey = key;
        }
        if (changed) {
            events.fire(new StatusChanged(c));
        }
        return c;
    }

    private synchronized Current evaluate() {
        Instant now = clock.instant();
        Tracked<UpstreamViews.Market> m = market.tracked(now, config.staleAfter());
        Tracked<UpstreamViews.Auth> a = auth.tracked(now, config.staleAfter());
        Tracked<UpstreamViews.Feed> f = feed.tracked(now, config.staleAfter());
        List<UpstreamViews.Segment> segs = new ArrayList<>(segments.size());
        segments.forEach((id, slot) -> segs.add(new UpstreamViews.Segment(
                id, slot.tracked(now, config.staleAfter()).snapshot())));
        return new Current(
                m,
                a,
                f,
                List.copyOf(segs),
                HealthRules.evaluate(m.snapshot(), a.snapshot(), f.snapshot(), primarySegment(m), segs),
                redisUp,
                now);
    }

    /** The segment {@code market:session:<exchange>} mirrors: as its snapshot says, else the configured default. */
    private String primarySegment(Tracked<UpstreamViews.Market> m) {
        String segment =
                m.snapshot().view() == null ? null : m.snapshot().view().segment();
        return segment == null ? defaultSegment : config.exchange() + ":" + segment;
    }

    private static String nz(String s, String dflt) {
        return s == null ? dflt : s;
    }

    /** Reads one key's contract record into the view the rules use. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(ObjectMapper json, JsonNode n) throws Exception;
    }

    /** State of one key across reads. */
    private static final class Slot<T> {
        private final Parser<T> parser;
        private final Function<T, Instant> writtenAt;
        private String rawText;
        private JsonNode raw;
        private T view;
        private String problem;
        private Instant observedChangeAt;
        private boolean everRead;

        Slot(Parser<T> parser, Function<T, Instant> writtenAt) {
            this.parser = parser;
            this.writtenAt = writtenAt;
        }

        void update(String text, Instant now, ObjectMapper json) {
            everRead = true;
            if (Objects.equals(text, rawText)) {
                return;
            }
            rawText = text;
            observedChangeAt = now;
            if (text == null) {
                raw = null;
                view = null;
                problem = "key absent";
                return;
            }
            try {
                JsonNode n = json.readTree(text);
                if (!(n instanceof ObjectNode)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                raw = n;
                view = parser.parse(json, n);
                problem = null;
            } catch (Exception e) {
                raw = null;
                view = null;
                problem = "unreadable: " + e.getClass().getSimpleName();
            }
        }

        Tracked<T> tracked(Instant now, Duration staleAfter) {
            if (view == null) {
                Freshness f = !everRead || rawText == null ? Freshness.MISSING : Freshness.UNREADABLE;
                return new Tracked<>(null, new Snapshot<>(null, f, null, everRead ? problem : "not read yet"));
            }
            Duration age = Freshness.age(writtenAt.apply(view), observedChangeAt, now);
            Freshness f = Freshness.judge(age, staleAfter);
            return new Tracked<>(
                    raw,
                    new Snapshot<>(
                            view,
                            f,
                            age.toMillis() / 1000.0,
                            f == Freshness.STALE ? "not refreshed for " + age.toSeconds() + " s" : null));
        }
    }
}
