package io.tickwarden.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.gateway.GatewayMessages;
import io.tickwarden.gateway.domain.UpstreamViews;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Renders the status messages of the WebSocket protocol from the current health. */
@Singleton
public class StatusMessages {

    /** Market times are shown in IST, like every other time in the system. */
    public static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    private final ObjectMapper json;
    private final ObjectMapper withoutNulls;
    private final Clock clock;

    StatusMessages(ObjectMapper json, Clock clock) {
        this.json = json;
        this.withoutNulls =
                json.copy().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
        this.clock = clock;
    }

    public String now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(IST).toString();
    }

    public String connectionStatus(HealthService.Current c) {
        HealthService.StatusKey k = c.statusKey();
        return write(new GatewayMessages.ConnectionStatus(
                GatewayMessages.ConnectionStatus.TYPE,
                k.feedMode(),
                k.quality(),
                k.message(),
                k.marketPhase(),
                k.authRequired(),
                k.priority(),
                k.feedState(),
                now(),
                k.segments()));
    }

    public String heartbeat(HealthService.Current c, int connections) {
        UpstreamViews.Snapshot<UpstreamViews.Feed> fs = c.feed().snapshot();
        UpstreamViews.Feed f = fs.fresh() ? fs.view() : null;
        GatewayMessages.ConnectionHealth health = f == null
                ? new GatewayMessages.ConnectionHealth("UNKNOWN", false, "DOWN", false, null)
                : new GatewayMessages.ConnectionHealth(
                        f.state(),
                        Boolean.TRUE.equals(f.isHealthy()),
                        f.connectionQuality(),
                        f.usingRestFallback(),
                        f.lastTickSecondsAgo());
        return write(new GatewayMessages.Heartbeat(
                GatewayMessages.Heartbeat.TYPE,
                now(),
                connections,
                c.statusKey().marketPhase(),
                health));
    }

    public String error(String code, String message) {
        return write(new GatewayMessages.Error(GatewayMessages.Error.TYPE, code, message));
    }

    public String write(Object value) {
        return write(json, value);
    }

    /** For messages whose optional fields are left out when null ({@code subscribed}'s recovery fields). */
    public String writeWithoutNulls(Object value) {
        return write(withoutNulls, value);
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
