package io.tickwarden.feed.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.RedisNames;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.MarketPhases;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reads the snapshots the feed depends on: {@code auth:state} (auth-service) and {@code market:session:<EX>}
 * (session-service). Channels only speed reactions up; these keys are the truth we converge to.
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

    /**
     * What the feed needs from market:session:<EX>. {@code toNextChange} is the time to the next change as of the
     * snapshot's writing, in session-service's (possibly simulated) clock; null when unknown.
     */
    public record SessionSnapshot(String phase, String nextPhase, Instant nextChangeAt, String tradingDay,
                                  java.time.Duration toNextChange) {
    }

    private final RedisCalls redis;
    private final ObjectMapper json;
    private final FeedConfig config;

    UpstreamSnapshots(RedisCalls redis, ObjectMapper json, FeedConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
    }

    public Optional<AuthSnapshot> auth() {
        return read(RedisNames.AUTH_STATE_KEY).map(n -> new AuthSnapshot(
                text(n, "state", "state"),
                longOf(RedisTokenSource.field(n, "token_version", "tokenVersion")),
                instant(text(n, "state_since", "stateSince")),
                instant(text(n, "last_validated_at", "lastValidatedAt"))));
    }

    public Optional<SessionSnapshot> session() {
        return read(RedisNames.marketSessionKey(config.exchange())).map(n -> {
            Instant nextChangeAt = instant(text(n, "next_change_at", "nextChangeAt"));
            return new SessionSnapshot(
                    text(n, "phase", "phase"),
                    text(n, "next_phase", "nextPhase"),
                    nextChangeAt,
                    text(n, "trading_day", "tradingDay"),
                    MarketPhases.toNextChange(longOf(RedisTokenSource.field(n, "seconds_to_next_phase", "secondsToNextPhase")),
                            nextChangeAt, instant(text(n, "as_of", "asOf"))));
        });
    }

    private Optional<JsonNode> read(String key) {
        String raw = redis.await(redis.reactive().value(String.class).get(key));
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
