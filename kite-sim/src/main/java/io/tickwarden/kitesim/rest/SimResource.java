package io.tickwarden.kitesim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.kitesim.service.FaultController;
import io.tickwarden.kitesim.service.FaultKind;
import io.tickwarden.kitesim.service.MarketService;
import io.tickwarden.kitesim.service.QuoteRateLimiter;
import io.tickwarden.kitesim.service.SimStats;
import io.tickwarden.kitesim.service.TokenRegistry;
import io.tickwarden.kitesim.ws.TickerSockets;
import io.tickwarden.sim.SimClock;
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

/** The sim's controls: faults, token expiry, tick rate, clock, counters, reset. No auth: bind to localhost. */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimResource {

    private static final Logger LOG = Logger.getLogger(SimResource.class);
    private static final String KINDS =
            Arrays.stream(FaultKind.values()).map(FaultKind::wireName).collect(Collectors.joining("|"));

    private final FaultController faults;
    private final TickerSockets sockets;
    private final TokenRegistry tokens;
    private final MarketService market;
    private final SimStats stats;
    private final SimClock clock;
    private final QuoteRateLimiter rateLimiter;

    SimResource(
            FaultController faults,
            TickerSockets sockets,
            TokenRegistry tokens,
            MarketService market,
            SimStats stats,
            SimClock clock,
            QuoteRateLimiter rateLimiter) {
        this.faults = faults;
        this.sockets = sockets;
        this.tokens = tokens;
        this.market = market;
        this.stats = stats;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
    }

    /**
     * {@code {"kind": "...", "duration_ms": N, "delay_ms": N}}; delay_ms only for {@code slow}. {@code drop} also
     * takes {@code "socket_id": N} (an id from {@code /sim/stats}) to cut that one socket only.
     */
    @POST
    @Path("/faults")
    public Map<String, Object> inject(JsonNode body) {
        if (body == null || !body.path("kind").isTextual()) {
            throw KiteApiException.input("Body must be {\"kind\": \"" + KINDS + "\", \"duration_ms\": N}.");
        }
        FaultKind kind = FaultKind.fromWire(body.get("kind").asText())
                .orElseThrow(() -> KiteApiException.input(
                        "Unknown fault kind `" + body.get("kind").asText() + "`; known: " + KINDS + "."));
        Duration duration = optionalMillis(body, "duration_ms");
        Duration delay = optionalMillis(body, "delay_ms");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind.wireName());
        out.put("duration_ms", duration == null ? null : duration.toMillis());
        if (kind == FaultKind.DROP && body.has("socket_id")) {
            if (!body.get("socket_id").canConvertToLong() || duration != null) {
                throw KiteApiException.input(
                        "A targeted drop is {\"kind\": \"drop\", \"socket_id\": N} with an id from "
                                + "/sim/stats, and takes no duration_ms.");
            }
            long id = body.get("socket_id").asLong();
            if (!sockets.drop(id)) {
                throw KiteApiException.input("No open ticker socket " + id + "; see /sim/stats for the open ones.");
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
                .orElseThrow(() -> KiteApiException.input("Unknown fault kind `" + name + "`; known: " + KINDS + "."));
        return Map.of("kind", kind.wireName(), "cleared", faults.clear(kind));
    }

    @POST
    @Path("/tokens/expire")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> expireTokens() {
        int count = tokens.expireAll();
        LOG.infof("expired %d access tokens", count);
        return Map.of("expired", count);
    }

    /** {@code {"ticks_per_second": N}} per instrument. */
    @POST
    @Path("/rate")
    public Map<String, Object> rate(JsonNode body) {
        if (body == null
                || !body.path("ticks_per_second").isNumber()
                || body.get("ticks_per_second").asDouble() < 0
                || body.get("ticks_per_second").asDouble() > 100) {
            throw KiteApiException.input("Body must be {\"ticks_per_second\": N} with 0 <= N <= 100.");
        }
        market.setRate(body.get("ticks_per_second").asDouble());
        return Map.of("ticks_per_second", market.ticksPerSecond());
    }

    @GET
    @Path("/stats")
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ws_connections_open", sockets.openSockets());
        out.put("ws_handshakes_total", stats.handshakesTotal.get());
        out.put("ws_handshakes_rejected", stats.handshakesRejected.get());
        out.put("subscribe_messages", stats.subscribeMessages.get());
        out.put("unsubscribe_messages", stats.unsubscribeMessages.get());
        out.put("mode_messages", stats.modeMessages.get());
        out.put("subscribed_tokens", sockets.subscribedTokens());
        out.put("ticks_sent", stats.ticksSent.sum());
        out.put("frames_sent", stats.framesSent.sum());
        out.put("heartbeats_sent", stats.heartbeatsSent.sum());
        out.put("pings_received", stats.pingsReceived.sum());
        out.put("malformed_frames_sent", stats.malformedFramesSent.sum());
        out.put("sockets_dropped", stats.socketsDropped.get());
        out.put("rest_requests", stats.restRequests());
        out.put("ticks_per_second", market.ticksPerSecond());
        out.put("instruments", market.model().catalog().size());
        out.put("active_faults", faults.describe());
        out.put("sockets", sockets.describe());
        return out;
    }

    /** Clears faults, counters and the quote rate limiter. Tokens and sockets stay. */
    @POST
    @Path("/reset")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> reset() {
        faults.clearAll();
        stats.reset();
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
                    throw KiteApiException.input("`now` must be ISO-8601, e.g. 2026-01-02T06:00:01+05:30.");
                }
            }
        } else if (body != null && body.path("offset_seconds").isNumber()) {
            clock.setOffset(Duration.ofSeconds(body.get("offset_seconds").asLong()));
        } else {
            throw KiteApiException.input("Body must be {\"now\": ISO-8601} or {\"offset_seconds\": N}.");
        }
        return clock();
    }

    private static Duration optionalMillis(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToLong() || node.asLong() < 0) {
            throw KiteApiException.input("`" + field + "` must be a non-negative number of milliseconds.");
        }
        return Duration.ofMillis(node.asLong());
    }
}
