package io.tickwarden.kitesim.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /user/profile}: the cheapest way to validate a token. */
@Path("/user/profile")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final KiteAuth auth;
    private final UserProfiles profiles;

    UserResource(KiteAuth auth, UserProfiles profiles) {
        this.auth = auth;
        this.profiles = profiles;
    }

    @GET
    public Response profile(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.require(authorization);
        return KiteResponses.success(profiles.profile());
    }
}
