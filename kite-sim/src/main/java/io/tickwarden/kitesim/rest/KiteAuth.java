package io.tickwarden.kitesim.rest;

import io.tickwarden.kitesim.service.TokenRegistry;
import jakarta.inject.Singleton;

/**
 * Checks Kite's {@code Authorization: token api_key:access_token} header. A missing, malformed, unknown or
 * expired token is a 403 TokenException, as on Kite.
 */
@Singleton
public class KiteAuth {

    private final TokenRegistry tokens;

    KiteAuth(TokenRegistry tokens) {
        this.tokens = tokens;
    }

    /** Returns the api_key of a valid request, or throws a TokenException. */
    public String require(String authorization) {
        if (authorization == null || !authorization.startsWith("token ")) {
            throw KiteApiException.token("Incorrect `api_key` or `access_token`.");
        }
        String credentials = authorization.substring("token ".length()).trim();
        int colon = credentials.indexOf(':');
        if (colon <= 0) {
            throw KiteApiException.token("Incorrect `api_key` or `access_token`.");
        }
        String apiKey = credentials.substring(0, colon);
        String accessToken = credentials.substring(colon + 1);
        return tokens.validate(apiKey, accessToken)
                .map(TokenRegistry.AccessGrant::apiKey)
                .orElseThrow(() -> KiteApiException.token("Incorrect `api_key` or `access_token`."));
    }
}
