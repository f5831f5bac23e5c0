package io.tickwarden.smartapisim.rest;

import io.tickwarden.smartapisim.config.SimConfig;
import io.tickwarden.smartapisim.service.SessionRegistry;
import io.tickwarden.smartapisim.service.SimStats;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code getProfile} (a session's pre-flight check) and {@code logout} (ends the session of the bearer JWT). */
@Path("/rest/secure/angelbroking/user/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class UserResource {

    private final AngelAuth auth;
    private final SessionRegistry sessions;
    private final SimConfig config;
    private final SimStats stats;

    UserResource(AngelAuth auth, SessionRegistry sessions, SimConfig config, SimStats stats) {
        this.auth = auth;
        this.sessions = sessions;
        this.config = config;
        this.stats = stats;
    }

    @GET
    @Path("/getProfile")
    public Response profile(@HeaderParam("Authorization") String authorization) {
        SessionRegistry.Grant grant = auth.require(authorization);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clientcode", grant.clientCode());
        data.put("name", config.userName());
        data.put("email", "");
        data.put("mobileno", "");
        data.put("exchanges", List.of("NSE", "BSE", "NFO", "BFO", "CDS", "MCX"));
        data.put("products", List.of("MARGIN", "MIS", "NRML", "CNC", "CO", "BO"));
        data.put("lastlogintime", "");
        data.put("brokerid", "B2C");
        return AngelResponses.success(data);
    }

    /** {@code {"clientcode"}}; the session named by the bearer JWT ends (its JWTs, feed tokens, refresh token). */
    @POST
    @Path("/logout")
    public Response logout(@HeaderParam("Authorization") String authorization) {
        SessionRegistry.Grant grant = auth.require(authorization);
        sessions.logout(grant);
        stats.logouts.incrementAndGet();
        return AngelResponses.success("");
    }
}
