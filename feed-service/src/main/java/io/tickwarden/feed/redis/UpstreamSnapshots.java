package io.tickwarden.feed.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.auth.AuthState;
import io.tickwarden.contracts.auth.AuthStateView;
import io.tickwarden.contracts.session.MarketSessionSnapshot;
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
            return AuthState.VALID.name().equals(state);
        }
    }

    private final RedisCalls redis;
    private final ObjectMapper json;

    UpstreamSnapshots(RedisCalls redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public Optional<AuthSnapshot> auth() {
        return read(
                        redis.await(redis.reactive().value(String.class).get(AuthRedisNames.STATE_KEY)),
                        AuthStateView.class)
                .map(v -> new AuthSnapshot(
                        v.state(), v.tokenVersion(), instant(v.stateSince()), instant(v.lastValidatedAt())));
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
        List<String> exchanges = MarketSegment.ALL.stream()
                .map(MarketSegment::exchange)
                .distinct()
                .toList();
        exchanges.forEach(ex -> keys.add(SessionRedisNames.marketSessionKey(ex)));
        Map<String, String> raw =
                redis.await(redis.reactive().value(String.class).mget(keys.toArray(String[]::new)));
        Map<MarketSegment, SegmentClock.Phase> out = new LinkedHashMap<>();
        for (MarketSegment s : MarketSegment.ALL) {
            String value = raw.get(SessionRedisNames.marketSessionKey(s.exchange(), s.segment()));
            if (value == null
                    && MarketSegment.defaultOf(s.exchange()).orElseThrow().equals(s)) {
                value = raw.get(SessionRedisNames.marketSessionKey(s.exchange()));
            }
            read(value, MarketSessionSnapshot.class)
                    .map(UpstreamSnapshots::phase)
                    .ifPresent(p -> out.put(s, p));
        }
        return out;
    }

    private static SegmentClock.Phase phase(MarketSessionSnapshot m) {
        return new SegmentClock.Phase(
                m.phase(),
                m.next_phase(),
                MarketPhases.toNextChange(m.seconds_to_next_phase(), instant(m.next_change_at()), instant(m.as_of())));
    }

    /** An unreadable snapshot counts as absent, as a missing one does: the feed then decides as without it. */
    private <T> Optional<T> read(String raw, Class<T> type) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(raw, type));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
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
