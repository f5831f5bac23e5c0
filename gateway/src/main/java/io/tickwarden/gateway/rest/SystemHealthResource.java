package io.tickwarden.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.tickwarden.contracts.gateway.SystemHealthView;
import io.tickwarden.edge.ErrorBody;
import io.tickwarden.gateway.client.AuthServiceClient;
import io.tickwarden.gateway.service.HealthReport;
import io.tickwarden.gateway.service.HealthService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/** Aggregated health from the Redis snapshot keys, with the contract's priority status. */
@Path("/api/system/health")
@Produces(MediaType.APPLICATION_JSON)
public class SystemHealthResource {

    private static final Logger LOG = Logger.getLogger(SystemHealthResource.class);

    private final HealthService health;
    private final HealthReport report;
    private final AuthServiceClient auth;

    SystemHealthResource(HealthService health, HealthReport report, AuthServiceClient auth) {
        this.health = health;
        this.report = report;
        this.auth = auth;
    }

    @GET
    @Operation(
            summary = "priority_status (AUTH_REQUIRED > FEED_DISCONNECTED > MARKET_SESSION) with market, auth, feed"
                    + " and services parts and every exchange segment's phase (segments)")
    public SystemHealthView system() {
        return report.system(health.reevaluate());
    }

    @GET
    @Path("/market")
    @Operation(summary = "Market part, from market:session:<exchange>")
    public Map<String, Object> market() {
        return report.market(health.reevaluate());
    }

    @GET
    @Path("/auth")
    @Operation(summary = "Auth part, from auth:state, with the login URL")
    public Map<String, Object> auth() {
        return report.auth(health.reevaluate());
    }

    @GET
    @Path("/feed")
    @Operation(summary = "Feed part, from feed:state")
    public Map<String, Object> feed() {
        return report.feed(health.reevaluate());
    }

    @POST
    @Path("/auth/verify")
    @Operation(summary = "Asks auth-service to verify the token against Kite now; answers auth-service's reply")
    public Uni<Response> verify() {
        return auth.verify()
                .call(a -> health.refresh())
                .map(a -> Response.status(a.status())
                        .type(MediaType.APPLICATION_JSON)
                        .entity(a.body())
                        .build())
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("auth-service verify failed: %s", e.toString());
                    return Response.status(502)
                            .type(MediaType.APPLICATION_JSON)
                            .entity(new ErrorBody(
                                    "auth_service_unreachable",
                                    "auth-service did not answer ("
                                            + e.getClass().getSimpleName()
                                            + "); check that it runs and AUTH_SERVICE_URL points at it"))
                            .build();
                });
    }
}
