package io.tickwarden.feed.rest;

import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.edge.AdminKey;
import io.tickwarden.edge.ApiError;
import io.tickwarden.feed.service.FeedSupervisor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The feed's HTTP API: state, subscriptions, and an admin reconnect. */
@Path("/api/feed")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private final FeedSupervisor supervisor;
    private final AdminKey adminKey;

    FeedResource(FeedSupervisor supervisor, AdminKey adminKey) {
        this.supervisor = supervisor;
        this.adminKey = adminKey;
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
    @Operation(
            summary =
                    "Admin: drop the upstream socket and reconnect at once "
                            + "(Authorization: Bearer ADMIN_API_KEY, or X-Admin-Key: ADMIN_API_KEY; 403 while ADMIN_API_KEY is unset)")
    public Response reconnect(@Context HttpHeaders headers) {
        adminKey.require(headers);
        if (!supervisor.isLeader()) {
            throw new ApiError(409, "standby", "this replica is a standby; send the reconnect to the leader");
        }
        supervisor.forceReconnect();
        return Response.accepted(Map.of("reconnecting", true)).build();
    }
}
