package io.tickwarden.auth.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/**
 * Walks the browser login hop by hop against auth-service and kite-sim, and talks to kite-sim's REST API
 * directly for checks (is this string a working Kite token? how many profile calls so far?).
 */
public final class KiteLogin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KiteLogin() {}

    /** Hops of one login: our login redirect, the sim's redirect back to our callback. */
    public record Hops(String kiteLoginUrl, String callbackUrl) {}

    /** GET /api/auth/login, then the sim's login page: returns the callback URL without calling it. */
    public static Hops startLogin(String appBaseUrl) {
        HttpResponse<String> login = Http.get(appBaseUrl + "/api/auth/login");
        assertEquals(302, login.statusCode(), "GET /api/auth/login: " + login.body());
        String kiteLogin = Http.location(login);
        HttpResponse<String> sim = Http.get(kiteLogin);
        assertEquals(302, sim.statusCode(), "sim login page: " + sim.body());
        String callback = Http.location(sim);
        assertTrue(callback.startsWith(appBaseUrl + "/api/auth/callback?"), callback);
        return new Hops(kiteLogin, callback);
    }

    /** The whole round trip; returns where the browser ends (the gateway). */
    public static String fullLogin(String appBaseUrl) {
        Hops hops = startLogin(appBaseUrl);
        HttpResponse<String> callback = Http.get(hops.callbackUrl());
        assertEquals(302, callback.statusCode(), "callback: " + callback.body());
        return Http.location(callback);
    }

    /** A token straight from the sim (login page + /session/token with checksum), bypassing auth-service. */
    public static String tokenFromSim(String simBaseUrl, String apiKey, String apiSecret) {
        HttpResponse<String> page = Http.get(simBaseUrl + "/connect/login?v=3&api_key=" + apiKey);
        String requestToken = Http.query(Http.location(page)).get("request_token");
        String checksum = sha256(apiKey + requestToken + apiSecret);
        HttpResponse<String> session = Http.post(
                simBaseUrl + "/session/token",
                "api_key=" + apiKey + "&request_token=" + requestToken + "&checksum=" + checksum,
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-Kite-Version",
                "3");
        assertEquals(200, session.statusCode(), session.body());
        return json(session.body()).path("data").path("access_token").asText();
    }

    /** HTTP status of GET /user/profile with this string as the access token. */
    public static int profileStatus(String simBaseUrl, String apiKey, String candidateToken) {
        return Http.get(
                        simBaseUrl + "/user/profile",
                        "X-Kite-Version",
                        "3",
                        "Authorization",
                        "token " + apiKey + ":" + candidateToken.replaceAll("[\\r\\n]", " "))
                .statusCode();
    }

    public static long profileCalls(String simBaseUrl) {
        JsonNode stats = json(Http.get(simBaseUrl + "/sim/stats").body());
        return stats.path("rest_requests").path("/user/profile").asLong(0);
    }

    public static void expireAllTokens(String simBaseUrl) {
        assertEquals(200, Http.post(simBaseUrl + "/sim/tokens/expire", "").statusCode());
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String sha256(String input) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
