package io.tickwarden.auth.rest;

import io.tickwarden.auth.service.AuthLifecycle;
import io.tickwarden.auth.service.angel.AngelSessionKeeper;
import io.tickwarden.edge.AdminKey;
import io.tickwarden.edge.ErrorBody;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * BROKER=angel: after two refused logins (or an operator's logout) automatic login stays off, so that a wrong PIN or
 * TOTP secret cannot lock the account. Once the secret is fixed, an operator resumes it here (a restart does too).
 */
@Path("/api/auth/resume")
@Produces(MediaType.APPLICATION_JSON)
public class AngelAdminResource {

    private final AdminKey adminKey;
    private final AngelSessionKeeper angel;
    private final AuthLifecycle lifecycle;

    AngelAdminResource(AdminKey adminKey, AngelSessionKeeper angel, AuthLifecycle lifecycle) {
        this.adminKey = adminKey;
        this.angel = angel;
        this.lifecycle = lifecycle;
    }

    @POST
    @Operation(summary = "BROKER=angel: resume automatic login (after refused logins or a logout); 202 and the state")
    public Response resume(@Context HttpHeaders headers) {
        if (!adminKey.accepts(headers)) {
            return Response.status(401)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"auth-service admin\"")
                    .entity(new ErrorBody(
                            "unauthorized",
                            AdminKey.unauthorizedMessage(),
                            null,
                            lifecycle.current().state().name()))
                    .build();
        }
        if (!angel.enabled()) {
            return Response.status(409)
                    .entity(new ErrorBody(
                            "not_with_kite",
                            "BROKER=kite: a human logs in at /api/auth/login; there is no automatic login to resume",
                            null,
                            lifecycle.current().state().name()))
                    .build();
        }
        angel.resume();
        // the keeper logs in within a second (auth.expiry-check-interval); the caller follows GET /api/auth/state
        return Response.accepted(lifecycle.view()).build();
    }
}
