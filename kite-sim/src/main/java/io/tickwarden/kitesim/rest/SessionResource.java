package io.tickwarden.kitesim.rest;

import io.tickwarden.kitesim.config.SimConfig;
import io.tickwarden.kitesim.service.TokenRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** {@code /session/token}: the request_token exchange (with checksum) and logout. */
@Path("/session/token")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SimConfig config;
    private final TokenRegistry tokens;
    private final UserProfiles profiles;

    SessionResource(SimConfig config, TokenRegistry tokens, UserProfiles profiles) {
        this.config = config;
        this.tokens = tokens;
        this.profiles = profiles;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response generateSession(
            @FormParam("api_key") String apiKey,
            @FormParam("request_token") String requestToken,
            @FormParam("checksum") String checksum) {
        requireParam("api_key", apiKey);
        requireParam("request_token", requestToken);
        requireParam("checksum", checksum);
        if (!config.apiKey().equals(apiKey)) {
            throw KiteApiException.input("Invalid `api_key`.");
        }
        String expected = sha256Hex(apiKey + requestToken + config.apiSecret());
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                checksum.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            throw KiteApiException.token("Invalid `checksum`.");
        }
        if (!tokens.consumeRequestToken(apiKey, requestToken)) {
            throw KiteApiException.token("Token is invalid or has expired.");
        }
        TokenRegistry.AccessGrant grant = tokens.issueAccessToken(apiKey);
        Map<String, Object> data = profiles.profile();
        data.put("api_key", apiKey);
        data.put("access_token", grant.accessToken());
        data.put("public_token", grant.publicToken());
        data.put("enctoken", "");
        data.put("refresh_token", "");
        data.put("silo", "");
        data.put("login_time", KiteResponses.kiteTime(grant.loginTime()));
        return KiteResponses.success(data);
    }

    @DELETE
    public Response logout(@QueryParam("api_key") String apiKey, @QueryParam("access_token") String accessToken) {
        requireParam("api_key", apiKey);
        requireParam("access_token", accessToken);
        if (!tokens.revoke(apiKey, accessToken)) {
            throw KiteApiException.token("Incorrect `api_key` or `access_token`.");
        }
        return KiteResponses.success(true);
    }

    private static void requireParam(String name, String value) {
        if (value == null || value.isBlank()) {
            throw KiteApiException.input("Missing `" + name + "`.");
        }
    }

    static String sha256Hex(String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
