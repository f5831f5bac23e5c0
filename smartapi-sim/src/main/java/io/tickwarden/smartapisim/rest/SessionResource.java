package io.tickwarden.smartapisim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.smartapisim.domain.AngelErrors;
import io.tickwarden.smartapisim.service.Logins;
import io.tickwarden.smartapisim.service.SessionRegistry;
import io.tickwarden.smartapisim.service.SimStats;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code loginByPassword} (client code, PIN, TOTP) and {@code generateTokens} (refresh token + bearer JWT). */
@Path("/rest/auth/angelbroking")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class SessionResource {

    private final Logins logins;
    private final SessionRegistry sessions;
    private final SimStats stats;

    SessionResource(Logins logins, SessionRegistry sessions, SimStats stats) {
        this.logins = logins;
        this.sessions = sessions;
        this.stats = stats;
    }

    /** {@code {"clientcode", "password" (the PIN), "totp"}}. */
    @POST
    @Path("/user/v1/loginByPassword")
    public Response login(JsonNode body) {
        Logins.Result result = logins.login(text(body, "clientcode"), text(body, "password"), text(body, "totp"));
        return switch (result) {
            case Logins.Result.Ok ok -> AngelResponses.success(tokens(ok.tokens()));
            case Logins.Result.Refused refused -> AngelResponses.error(200, refused.errorcode(), refused.message());
        };
    }

    /** {@code {"refreshToken"}} with {@code Authorization: Bearer <jwt>}: a new JWT and feed token. */
    @POST
    @Path("/jwt/v1/generateTokens")
    public Response generateTokens(@HeaderParam("Authorization") String authorization, JsonNode body) {
        return sessions.refresh(authorization, text(body, "refreshToken"))
                .map(t -> {
                    stats.tokenRefreshes.incrementAndGet();
                    return AngelResponses.success(tokens(t));
                })
                .orElseGet(() -> {
                    stats.failedRefreshes.incrementAndGet();
                    return AngelResponses.error(AngelErrors.INVALID_REFRESH_TOKEN);
                });
    }

    private static Map<String, Object> tokens(SessionRegistry.Tokens t) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jwtToken", t.jwt());
        data.put("refreshToken", t.refreshToken());
        data.put("feedToken", t.feedToken());
        return data;
    }

    static String text(JsonNode body, String field) {
        if (body == null || !body.path(field).isValueNode() || body.path(field).isNull()) {
            return null;
        }
        return body.get(field).asText();
    }
}
