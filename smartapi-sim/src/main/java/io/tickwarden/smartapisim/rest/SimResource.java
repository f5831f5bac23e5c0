package io.tickwarden.smartapisim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.sim.SimClock;
import io.tickwarden.smartapisim.config.SimConfig;
import io.tickwarden.smartapisim.service.FaultController;
import io.tickwarden.smartapisim.service.FaultKind;
import io.tickwarden.smartapisim.service.MarketService;
import io.tickwarden.smartapisim.service.QuoteRateLimiter;
import io.tickwarden.smartapisim.service.SessionRegistry;
import io.tickwarden.smartapisim.service.SimStats;
import io.tickwarden.smartapisim.ws.StreamSockets;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The sim's controls, on the same paths and with the same meaning as kite-sim's: faults, token expiry, tick rate,
 * clock, counters, reset. No auth: bind to localhost.
 */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimResource {

    private static final Logger LOG = Logger.getLogger(SimResource.class);
    private static final String KINDS =
            Arrays.stream(FaultKind.values()).map(FaultKind::wireName).collect(Collectors.joining("|"));

    private final FaultController faults;
    private final StreamSockets sockets;
    private final SessionRegistry sessions;
    private final MarketService market;
    private final SimStats stats;
    private final SimClock clock;
    private final QuoteRateLimiter rateLimiter;
    private final SimConfig config;
    private final ObjectMapper json;

    SimResource(
            FaultController faults,
            StreamSockets sockets,
            SessionRegistry sessions,
            MarketService market,
            SimStats stats,
            SimClock clock,
            QuoteRateLimiter rateLimiter,
            SimConfig config,
            ObjectMapper json) {
        this.faults = faults;
        this.sockets = sockets;
        this.sessions = sessions;
        this.market = market;
        this.stats = stats;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.json = json;
    }

    /**
     * {@code {"kind": "...", "duration_ms": N, "delay_ms": N}}; delay_ms only for {@code slow}. {@code drop} also
     * takes {@code "socket_id": N} (an id from {@code /sim/stats}) to cut that one socket only.
     */
    @POST
    @Path("/faults")
    public Map<String, Object> inject(JsonNode body) {
        if (body == null || !body.path("kind").isTextual()) {
            throw AngelApiException.badRequest("Body must be {\"kind\": \"" + KINDS + "\", \"duration_ms\": N}.");
        }
        FaultKind kind = FaultKind.fromWire(body.get("kind").asText())
                .orElseThrow(() -> AngelApiException.badRequest(
                        "Unknown fault kind `" + body.get("kind").asText() + "`; known: " + KINDS + "."));
        Duration duration = optionalMillis(body, "duration_ms");
        Duration delay = optionalMillis(body, "delay_ms");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind.wireName());
        out.put("duration_ms", duration == null ? null : duration.toMillis());
        if (kind == FaultKind.DROP && body.has("socket_id")) {
            if (!body.get("socket_id").canConvertToLong() || duration != null) {
                throw AngelApiException.badRequest(
                        "A targeted drop is {\"kind\": \"drop\", \"socket_id\": N} with an id "
                                + "from /sim/stats, and takes no duration_ms.");
            }
            long id = body.get("socket_id").asLong();
            if (!sockets.drop(id)) {
                throw AngelApiException.badRequest(
                        "No open stream socket " + id + "; see /sim/stats for the open ones.");
            }
            out.put("socket_id", id);
            out.put("sockets_cut", 1);
        } else if (kind == FaultKind.DROP) {
            if (duration != null) {
                faults.activate(kind, duration, null);
            }
            out.put("sockets_cut", sockets.dropAll());
        } else {
            faults.activate(kind, duration, delay);
        }
        LOG.infof("fault injected: %s for %s", kind.wireName(), duration == null ? "until cleared" : duration);
        return out;
    }

    @GET
    @Path("/faults")
    public Map<String, Object> activeFaults() {
        return faults.describe();
    }

    @DELETE
    @Path("/faults/{kind}")
    public Map<String, Object> clear(@PathParam("kind") String name) {
        FaultKind kind = FaultKind.fromWire(name)
                .orElseThrow(
                        () -> AngelApiException.badRequest("Unknown fault kind `" + name + "`; known: " + KINDS + "."));
        return Map.of("kind", kind.wireName(), "cleared", faults.clear(kind));
    }

    /**
     * Every JWT and feed token stops working now: AG8001 on REST, 401 at the handshake. Optional body:
     * {@code {"keep_refresh_tokens": true}} lets generateTokens revive the sessions; {@code {"drop_sockets": true}}
     * also cuts the open stream sockets (by default they stay open, as on kite-sim).
     */
    @POST
    @Path("/tokens/expire")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> expireTokens(String text) {
        JsonNode body = readOptional(text);
        boolean keepRefresh = body != null && body.path("keep_refresh_tokens").asBoolean(false);
        boolean drop = body != null && body.path("drop_sockets").asBoolean(false);
        int count = sessions.expireAll(keepRefresh);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("expired", count);
        out.put("refresh_tokens_kept", keepRefresh);
        out.put("sockets_cut", drop ? sockets.dropAll() : 0);
        LOG.infof("expired %d JWTs (refresh tokens %s)", count, keepRefresh ? "kept" : "ended too");
        return out;
    }

    /** {@code {"ticks_per_second": N}} per instrument; 0 freezes the market. */
    @POST
    @Path("/rate")
    public Map<String, Object> rate(JsonNode body) {
        if (body == null
                || !body.path("ticks_per_second").isNumber()
                || body.get("ticks_per_second").asDouble() < 0
                || body.get("ticks_per_second").asDouble() > 100) {
            throw AngelApiException.badRequest("Body must be {\"ticks_per_second\": N} with 0 <= N <= 100.");
        }
        market.setRate(body.get("ticks_per_second").asDouble());
        return Map.of("ticks_per_second", market.ticksPerSecond());
    }

    /** {@code {"requests_per_second": N}}: the quote endpoint's limit until the next reset. */
    @POST
    @Path("/quote-rate")
    public Map<String, Object> quoteRate(JsonNode body) {
        if (body == null
                || !body.path("requests_per_second").canConvertToInt()
                || body.get("requests_per_second").asInt() < 1) {
            throw AngelApiException.badRequest("Body must be {\"requests_per_second\": N} with N >= 1.");
        }
        rateLimiter.setPerSecond(body.get("requests_per_second").asInt());
        rateLimiter.reset();
        return Map.of("requests_per_second", rateLimiter.perSecond());
    }

    @GET
    @Path("/stats")
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("logins", stats.logins.get());
        out.put("failed_logins", stats.failedLogins.get());
        out.put("token_refreshes", stats.tokenRefreshes.get());
        out.put("failed_refreshes", stats.failedRefreshes.get());
        out.put("logouts", stats.logouts.get());
        out.put("invalid_token_answers", stats.invalidTokenAnswers.get());
        out.put("live_sessions", sessions.liveSessions());
        out.put("quote_rate_limited", stats.quoteRateLimited.get());
        out.put("ws_connections_open", sockets.openSockets());
        out.put("ws_handshakes_total", stats.handshakesTotal.get());
        out.put("ws_handshakes_rejected", stats.handshakesRejected.get());
        out.put("ws_connections_over_limit", stats.connectionsOverLimit.get());
        out.put("subscribe_messages", stats.subscribeMessages.get());
        out.put("unsubscribe_messages", stats.unsubscribeMessages.get());
        out.put("subscribed_tokens", sockets.subscribedTokens());
        out.put("error_messages_sent", stats.errorMessagesSent.get());
        out.put("ticks_sent", stats.packetsSent.sum());
        out.put("pings_received", stats.pingsReceived.sum());
        out.put("pongs_sent", stats.pongsSent.sum());
        out.put("malformed_packets_sent", stats.malformedPacketsSent.sum());
        out.put("sockets_dropped", stats.socketsDropped.get());
        out.put("rest_requests", stats.restRequests());
        out.put("ticks_per_second", market.ticksPerSecond());
        out.put("market_steps", market.steps());
        out.put("quote_requests_per_second", rateLimiter.perSecond());
        out.put("instruments", market.angel().size());
        out.put("active_faults", faults.describe());
        out.put("sockets", sockets.describe());
        return out;
    }

    /** Clears faults, counters and the quote rate limiter (back to its configured rate). Sessions and sockets stay. */
    @POST
    @Path("/reset")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> reset() {
        faults.clearAll();
        stats.reset();
        rateLimiter.setPerSecond((int) Math.max(1, Math.floor(config.quoteRequestsPerSecond())));
        rateLimiter.reset();
        return Map.of("reset", true);
    }

    @GET
    @Path("/clock")
    public Map<String, Object> clock() {
        return Map.of(
                "now",
                clock.now().toString(),
                "now_ist",
                clock.now().atZone(SimClock.IST).toString(),
                "offset_seconds",
                clock.offset().toSeconds());
    }

    /** {@code {"now": "2026-01-02T06:00:01+05:30"}} or {@code {"offset_seconds": N}}: moves the sim's clock. */
    @POST
    @Path("/clock")
    public Map<String, Object> setClock(JsonNode body) {
        if (body != null && body.path("now").isTextual()) {
            try {
                clock.setNow(OffsetDateTime.parse(body.get("now").asText()).toInstant());
            } catch (DateTimeParseException e) {
                try {
                    clock.setNow(Instant.parse(body.get("now").asText()));
                } catch (DateTimeParseException e2) {
                    throw AngelApiException.badRequest("`now` must be ISO-8601, e.g. 2026-01-02T06:00:01+05:30.");
                }
            }
        } else if (body != null && body.path("offset_seconds").isNumber()) {
            clock.setOffset(Duration.ofSeconds(body.get("offset_seconds").asLong()));
        } else {
            throw AngelApiException.badRequest("Body must be {\"now\": ISO-8601} or {\"offset_seconds\": N}.");
        }
        return clock();
    }

    /** An optional JSON body (plain {@code POST} without one is fine): null when empty. */
    private JsonNode readOptional(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw AngelApiException.badRequest("The body, when given, must be JSON.");
        }
    }

    private static Duration optionalMillis(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToLong() || node.asLong() < 0) {
            throw AngelApiException.badRequest("`" + field + "` must be a non-negative number of milliseconds.");
        }
        return Duration.ofMillis(node.asLong());
    }
}
