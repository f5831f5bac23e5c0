package io.tickwarden.gateway.ws;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.tickwarden.gateway.domain.Delivery;
import io.tickwarden.gateway.domain.SymbolFormat;
import io.tickwarden.gateway.service.GatewayMetrics;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Authenticates {@code /ws/market} at the HTTP upgrade: {@code Authorization: Bearer <key>}, or {@code ?token=<key>}
 * for browsers (which cannot set headers on a WebSocket). A missing or wrong key gets 401 and no socket; an unknown
 * {@code ?delivery=} gets 400 with the reason in {@value #ERROR_HEADER}. An accepted upgrade gets the
 * {@link OversizeFrameGuard}.
 */
@Singleton
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
            String delivery = context.httpRequest().getParam(Delivery.PARAMETER);
            if (Delivery.fromWire(delivery).isEmpty()) {
                // No body can go with a refused upgrade here: the reason travels in a header.
                metrics.rejectedUpgrade();
                return CheckResult.rejectUpgrade(400, Map.of(ERROR_HEADER, List.of(unknownDelivery(delivery))));
            }
            // The connection becomes a WebSocket now: answer oversize frames with 1009 (see OversizeFrameGuard).
            oversizeFrames.install(context.httpRequest());
            return CheckResult.permitUpgrade();
        }
        metrics.rejectedUpgrade();
        return CheckResult.rejectUpgrade(401, Map.of("WWW-Authenticate", List.of("Bearer realm=\"gateway\"")));
    }

    /** The header carrying why an upgrade was refused with 400. */
    public static final String ERROR_HEADER = "X-Tickwarden-Error";

    static String unknownDelivery(String value) {
        return "unknown delivery '" + SymbolFormat.printable(value) + "'; expected latest (the default) or all";
    }

    static String presentedKey(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return request.getParam("token");
    }
}
