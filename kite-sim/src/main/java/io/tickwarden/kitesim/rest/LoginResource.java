package io.tickwarden.kitesim.rest;

import io.tickwarden.kitesim.config.SimConfig;
import io.tickwarden.kitesim.service.TokenRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code /connect/login?v=3&api_key=..[&redirect_params=..]}: the sim's user approves at once, so the browser is
 * redirected straight to the registered redirect URL with {@code request_token}, {@code action=login},
 * {@code status=success} and the decoded redirect_params appended, as Kite does.
 */
@Path("/connect/login")
public class LoginResource {

    private final SimConfig config;
    private final TokenRegistry tokens;

    LoginResource(SimConfig config, TokenRegistry tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @GET
    public Response login(
            @QueryParam("api_key") String apiKey,
            @QueryParam("v") String version,
            @QueryParam("redirect_params") String redirectParams) {
        if (apiKey == null || apiKey.isBlank()) {
            throw KiteApiException.input("Missing `api_key`.");
        }
        if (!config.apiKey().equals(apiKey)) {
            throw KiteApiException.input("Invalid `api_key`.");
        }
        String requestToken = tokens.issueRequestToken(apiKey);
        String target = config.redirectUrl();
        StringBuilder location = new StringBuilder(target)
                .append(target.contains("?") ? '&' : '?')
                .append("request_token=")
                .append(URLEncoder.encode(requestToken, StandardCharsets.UTF_8))
                .append("&action=login&type=login&status=success");
        if (redirectParams != null && !redirectParams.isBlank()) {
            // Kite appends the app's own parameters; re-encode each so the Location header stays a valid URI.
            for (String pair : redirectParams.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                location.append('&')
                        .append(URLEncoder.encode(key, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return Response.status(302).location(URI.create(location.toString())).build();
    }
}
