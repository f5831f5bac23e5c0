package io.tickwarden.gateway.ws;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.tickwarden.gateway.service.GatewayMetrics;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Authenticates {@code /ws/market} at the HTTP upgrade: {@code Authorization: Bearer <key>}, or {@code ?token=<key>}
 * for browsers (which cannot set headers on a WebSocket). A missing or wrong key gets 401 and no socket. An accepted
 * upgrade gets the {@link OversizeFrameGuard}.
 */
@ApplicationScoped
public class ApiKeyUpgradeCheck implements HttpUpgradeCheck {

    private final ApiKeys keys;
    private final GatewayMetrics metrics;
    private final OversizeFrameGuard oversizeFrames;

    ApiKeyUpgradeCheck(ApiKeys keys, GatewayMetrics metrics, OversizeFrameGuard oversizeFrames) {
        this.keys = keys;
        this.metrics = metrics;
        this.oversizeFrames = oversizeFrames;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return MarketSocket.ENDPOINT_ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (keys.accepts(presentedKey(context.httpRequest()))) {
            // The connection becomes a WebSocket now: answer oversize frames with 1009 (see OversizeFrameGuard).
            oversizeFrames.install(context.httpRequest());
            return CheckResult.permitUpgrade();
        }
        metrics.rejectedUpgrade();
        return CheckResult.rejectUpgrade(401, Map.of("WWW-Authenticate", List.of("Bearer realm=\"gateway\"")));
    }

    static String presentedKey(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return request.getParam("token");
    }
}
