package io.tickwarden.feed.rest;

import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.service.FeedSupervisor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** The feed's HTTP API: state, subscriptions, and an admin reconnect. */
@Path("/api/feed")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private final FeedSupervisor supervisor;
    private final FeedConfig config;

    FeedResource(FeedSupervisor supervisor, FeedConfig config) {
        this.supervisor = supervisor;
        this.config = config;
    }

    @GET
    @Path("/state")
    @Operation(summary = "Feed state of this replica (the leader's is also in Redis feed:state)")
    public FeedStateView state() {
        return supervisor.view();
    }

    @GET
    @Path("/subscriptions")
    @Operation(summary = "Instruments held upstream, their modes, whether data confirmed them, and who wants them")
    public Map<String, Object> subscriptions() {
        return supervisor.subscriptions();
    }

    @POST
    @Path("/reconnect")
    @Operation(summary = "Admin: drop the upstream socket and reconnect at once (Authorization: Bearer ADMIN_API_KEY)")
    public Response reconnect(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String key = config.adminApiKey().orElse("");
        if (key.isBlank()) {
            return error(403, "admin endpoints are disabled (ADMIN_API_KEY is not set)");
        }
        String given = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) {
            return error(401, "missing or wrong admin key");
        }
        if (!supervisor.isLeader()) {
            return error(409, "this replica is a standby; ask the leader");
        }
        supervisor.forceReconnect();
        return Response.accepted(Map.of("reconnecting", true)).build();
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", status, "message", message)).build();
    }
}
