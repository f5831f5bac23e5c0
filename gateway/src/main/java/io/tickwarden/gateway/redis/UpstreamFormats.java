package io.tickwarden.gateway.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.auth.AuthStateView;
import io.tickwarden.contracts.feed.FeedSegmentView;
import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.contracts.session.MarketSessionSnapshot;
import io.tickwarden.gateway.domain.UpstreamViews.Auth;
import io.tickwarden.gateway.domain.UpstreamViews.Feed;
import io.tickwarden.gateway.domain.UpstreamViews.Market;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The other services' snapshot keys, read as their contract records ({@link MarketSessionSnapshot},
 * {@link AuthStateView}, {@link FeedStateView}) and reduced to the views the priority rules use. Missing fields
 * become null; a value the record cannot hold makes the whole snapshot unreadable.
 */
public final class UpstreamFormats {

    private UpstreamFormats() {}

    /** {@code market:session:<EXCHANGE>}. */
    public static Market market(ObjectMapper json, JsonNode n) throws JsonProcessingException {
        return market(json.treeToValue(n, MarketSessionSnapshot.class));
    }

    /** {@code as_of} is the writer's clock, trusted only if not simulated. */
    public static Market market(MarketSessionSnapshot s) {
        return new Market(
                s.phase(),
                s.title(),
                s.description(),
                s.is_trading_hours(),
                s.next_phase(),
                s.next_change_at(),
                s.seconds_to_next_phase(),
                s.reason(),
                s.clock_simulated(),
                s.clock_simulated() ? null : parseInstant(s.as_of()),
                s.segment());
    }

    /** {@code auth:state}. */
    public static Auth auth(ObjectMapper json, JsonNode n) throws JsonProcessingException {
        return auth(json.treeToValue(n, AuthStateView.class));
    }

    /** Rewritten by auth-service every 15 s with {@code updated_at}. */
    public static Auth auth(AuthStateView v) {
        return new Auth(
                v.state(),
                v.isValid(),
                v.requiresLogin(),
                v.message(),
                v.loginUrl(),
                v.updatedAt() == null ? null : v.updatedAt().toInstant());
    }

    /** {@code feed:state}. */
    public static Feed feed(ObjectMapper json, JsonNode n) throws JsonProcessingException {
        return feed(json.treeToValue(n, FeedStateView.class));
    }

    /** Written by the feed leader with {@code updated_at}. */
    public static Feed feed(FeedStateView v) {
        return new Feed(
                v.state(),
                v.mode(),
                v.is_healthy(),
                v.connection_quality(),
                v.last_tick_seconds_ago(),
                v.reason(),
                v.last_error(),
                parseInstant(v.updated_at()),
                segmentInstruments(v),
                v.broker());
    }

    /** {@code feed:state.segments[]} as segment -> held instruments; null while the feed does not report them. */
    static Map<String, Integer> segmentInstruments(FeedStateView v) {
        if (v.segments() == null) {
            return null;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (FeedSegmentView s : v.segments()) {
            if (s != null && s.segment() != null) {
                out.put(s.segment(), s.instruments());
            }
        }
        return out;
    }

    /** ISO-8601 with offset or Z; null when absent or unreadable. */
    public static Instant parseInstant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
