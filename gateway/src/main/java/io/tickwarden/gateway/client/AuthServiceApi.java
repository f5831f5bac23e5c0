package io.tickwarden.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * auth-service's HTTP API as the gateway calls it (REST Client; base URL {@code AUTH_SERVICE_URL} through
 * {@code quarkus.rest-client.auth-service.url}). Use {@link AuthServiceClient}, which adds the fault tolerance.
 */
@RegisterRestClient(configKey = "auth-service")
@Path("/api/auth")
public interface AuthServiceApi {

    /** Any status comes back as a response, not an exception: the gateway passes auth-service's answer through. */
    @POST
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> verify();
}
