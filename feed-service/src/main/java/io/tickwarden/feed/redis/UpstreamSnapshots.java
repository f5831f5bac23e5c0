package io.tickwarden.feed.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.session.SessionRedisNames;
import io.tickwarden.feed.domain.MarketPhases;
import io.tickwarden.feed.domain.MarketSegment;
import io.tickwarden.feed.domain.SegmentClock;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the snapshots the feed depends on: {@code auth:state} (auth-service) and every segment's
 * {@code market:session:<EX>:<SEG>} (session-service). Channels only speed reactions up; these keys are the truth we converge to.
 */
@Singleton
public class UpstreamSnapshots {

    /**
     * What the feed needs from auth:state. {@code stateSince} and {@code lastValidatedAt} may be null.
     * {@code lastValidatedAt} lets the feed leave AUTH_BLOCKED when auth-service re-checked the token after our
     * report and found it still valid (it then publishes no transition).
     */
    public record AuthSnapshot(String state, Long tokenVersion, Instant stateSince, Instant lastValidatedAt) {
        public boolean valid() {
            return "VALID".equals(state);
        }
    }

    private final RedisCalls redis;
    private final ObjectMapper json;
    
    UpstreamSnapshots(RedisCalls redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public Optional<AuthSnapshot> auth() {
        return read(AuthRedisNames.STATE_KEY).map(n -> new AuthSnapshot(
                text(n, "state", "state"),
                longOf(RedisTokenSource.field(n, "token_version", "tokenVersion")),
                instant(text(n, "state_since", "stateSince")),
                instant(text(n, "last_validated_at", "lastValidatedAt"))));
    }

    /**
     * Every segment's phase ({@code market:session:<EX>:<SEG>}, one MGET); a default segment without its own key
     * falls back to the exchange's key ({@code market:session:<EX>}). Segments without any snapshot are absent.
     */
    public Map<MarketSegment, SegmentClock.Phase> sessions() {
        List<String> keys = new ArrayList<>();
        for (MarketSegment s : MarketSegment.ALL) {
            keys.add(SessionRedisNames.marketSessionKey(s.exchange(), s.segment()));
        }
        List<String> exchanges = MarketSegment.ALL.stream().map(MarketSegment::exchange).distinct().toList();
        exchanges.forEach(ex -> keys.add(SessionRedisNames.marketSessionKey(ex)));
        Map<String, String> raw = redis.await(redis.reactive().value(String.class).mget(keys.toArray(String[]::new)));
        Map<MarketSegment, SegmentClock.Phase> out = new LinkedHashMap<>();
        for (MarketSegment s : MarketSegment.ALL) {
            String value = raw.get(SessionRedisNames.marketSessionKey(s.exchange(), s.segment()));
            if (value == null && MarketSegment.defaultOf(s.exchange()).orElseThrow().equals(s)) {
                value = raw.get(SessionRedisNames.marketSessionKey(s.exchange()));
            }
            parse(value).map(UpstreamSnapshots::phase).ifPresent(p -> out.put(s, p));
        }
        return out;
    }

    private static SegmentClock.Phase phase(JsonNode n) {
        Instant nextChangeAt = instant(text(n, "next_change_at", "nextChangeAt"));
        return new SegmentClock.Phase(text(n, "phase", "phase"), text(n, "next_phase", "nextPhase"),
                MarketPhases.toNextChange(longOf(RedisTokenSource.field(n, "seconds_to_next_phase", "secondsToNextPhase")),
                        nextChangeAt, instant(text(n, "as_of", "asOf"))));
    }

    private Optional<JsonNode> read(String key) {
        return parse(redis.await(redis.reactive().value(String.class).get(key)));
    }

    private Optional<JsonNode> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(raw));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static String text(JsonNode n, String snake, String camel) {
        JsonNode v = RedisTokenSource.field(n, snake, camel);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Long longOf(JsonNode v) {
        return v == null || !v.canConvertToLong() ? null : v.asLong();
    }

    static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (Exception e) {
            try {
                return Instant.parse(iso);
            } catch (Exception e2) {
                return null;
            }
        }
    }
}
