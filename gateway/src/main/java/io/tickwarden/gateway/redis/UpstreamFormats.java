package io.tickwarden.gateway.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.gateway.domain.UpstreamViews.Auth;
import io.tickwarden.gateway.domain.UpstreamViews.Feed;
import io.tickwarden.gateway.domain.UpstreamViews.Market;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the other services write their snapshot keys (snake_case JSON; see docs/session-service.md,
 * docs/auth-service.md, docs/feed-service.md). Kept in one place so a format change touches one class. Missing
 * fields become null; nothing here throws on odd values.
 */
public final class UpstreamFormats {

    private UpstreamFormats() {
    }

    /** {@code market:session:<EXCHANGE>}: {@code as_of} is the writer's clock, trusted only if not simulated. */
    public static Market market(JsonNode n) {
        boolean simulated = n.path("clock_simulated").asBoolean(false);
        return new Market(text(n, "phase"), text(n, "title"), text(n, "description"), bool(n, "is_trading_hours"),
                text(n, "next_phase"), text(n, "next_change_at"), longValue(n, "seconds_to_next_phase"),
                text(n, "reason"), simulated, simulated ? null : instant(n, "as_of"));
    }

    /** {@code auth:state}: rewritten by auth-service every 15 s with {@code updated_at}. */
    public static Auth auth(JsonNode n) {
        return new Auth(text(n, "state"), bool(n, "is_valid"), bool(n, "requires_login"), text(n, "message"),
                text(n, "login_url"), instant(n, "updated_at"));
    }

    /** {@code feed:state}: written by the feed leader with {@code updated_at}. */
    public static Feed feed(JsonNode n) {
        Double ago = n.hasNonNull("last_tick_seconds_ago") ? n.get("last_tick_seconds_ago").asDouble() : null;
        return new Feed(text(n, "state"), text(n, "mode"), bool(n, "is_healthy"), text(n, "connection_quality"),
                ago, text(n, "reason"), text(n, "last_error"), instant(n, "updated_at"), segmentInstruments(n),
                text(n, "broker"));
    }

    /** {@code feed:state.segments[]} as segment -> held instruments; null while the feed does not report them. */
    static Map<String, Integer> segmentInstruments(JsonNode n) {
        JsonNode list = n.get("segments");
        if (list == null || !list.isArray()) {
            return null;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode s : list) {
            String id = text(s, "segment");
            if (id != null) {
                out.put(id, s.path("instruments").asInt(0));
            }
        }
        return out;
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    static Long longValue(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asLong();
    }

    static Instant instant(JsonNode n, String field) {
        return parseInstant(text(n, field));
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
