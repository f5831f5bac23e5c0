package io.tickwarden.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Any service's readiness endpoint, as {@code ServiceProbes} asks it: one REST Client per configured URL, built
 * at run time (the feed URL may list several replicas), so there is no config key and no fault-tolerance layer.
 */
@Path("/q/health")
public interface ReadinessApi {

    /** 200 is ready; any other status is an answer too (the default exception mapper is off in the gateway). */
    @GET
    @Path("/ready")
    Uni<Response> ready();
}
