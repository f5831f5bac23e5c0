package io.tickwarden.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.bench.system.Http;
import java.util.List;

/**
 * Reads {@code /api/system/health} the way an operator's monitor would and decides whether it shows a problem
 * compared with the healthy baseline taken before the fault. An unreachable or failing endpoint counts as visible
 * (a monitor sees it); otherwise any departure from "market session, feed connected on the WebSocket with good
 * quality, auth valid, Redis up, every snapshot fresh, every service answering its readiness probe, a tick at the
 * gateway within the last 1.5 s", or a new connection / leader, is a visible fault.
 */
public final class HealthProbe {

    /** A monitor's "ticks stopped" threshold on {@code feed.gateway_last_tick_seconds_ago}. */
    static final double NO_TICK_ALERT_SECONDS = 1.5;

    private HealthProbe() {}

    public static boolean healthy(Http.Response r) {
        return r.ok() && describeProblem(r.json(), null) == null;
    }

    /** What looks wrong, or null when the health report matches a healthy system (and the baseline, if given). */
    public static String describeProblem(JsonNode h, JsonNode baseline) {
        if (h == null || !h.has("priority_status")) {
            return "health unreachable";
        }
        if (!"MARKET_SESSION".equals(h.path("priority_status").asText())) {
            return "priority_status " + h.path("priority_status").asText();
        }
        JsonNode f = h.path("feed");
        if (!"CONNECTED".equals(f.path("state").asText())) {
            return "feed.state " + f.path("state").asText();
        }
        if (f.has("mode") && !"WEBSOCKET".equals(f.path("mode").asText())) {
            return "feed.mode " + f.path("mode").asText();
        }
        if (f.has("connection_quality")
                && !"GOOD".equals(f.path("connection_quality").asText())) {
            return "feed.connection_quality " + f.path("connection_quality").asText();
        }
        if (!"VALID".equals(h.path("auth").path("state").asText())) {
            return "auth.state " + h.path("auth").path("state").asText();
        }
        if (!h.path("services").path("redis").path("up").asBoolean(true)) {
            return "services.redis.up false";
        }
        JsonNode down = h.path("services").path("down");
        if (down.isArray() && !down.isEmpty()) {
            return "services.down " + down.get(0).asText();
        }
        // The gateway's own data age: what a monitor alerts on when ticks stop reaching the clients, whatever
        // feed-service believes (at the soak's 2 ticks/s a healthy gateway reads a batch every 0.5 s).
        JsonNode age = f.path("gateway_last_tick_seconds_ago");
        if (age.isNumber() && age.asDouble() > NO_TICK_ALERT_SECONDS) {
            return "feed.gateway_last_tick_seconds_ago " + age.asDouble();
        }
        for (String part : List.of("market", "auth", "feed")) {
            String s = h.path(part).path("snapshot_status").asText("FRESH");
            if (!"FRESH".equals(s)) {
                return part + ".snapshot_status " + s;
            }
        }
        if (baseline != null) {
            JsonNode b = baseline.path("feed");
            for (String field : List.of("reconnect_attempts", "instance", "connected_since")) {
                if (b.has(field) && !b.path(field).equals(f.path(field))) {
                    return "feed." + field + " " + b.path(field) + " -> " + f.path(field);
                }
            }
        }
        return null;
    }

    /** The problem the current health report shows (null if none), treating a failed request as visible. */
    public static String problem(Http.Response r, JsonNode baseline) {
        if (!r.ok()) {
            return "health HTTP " + r.status();
        }
        return describeProblem(r.json(), baseline);
    }
}
