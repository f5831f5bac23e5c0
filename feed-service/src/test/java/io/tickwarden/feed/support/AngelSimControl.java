package io.tickwarden.feed.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.testing.SmartApiSimTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Drives smartapi-sim over HTTP: a login as auth-service makes it (client code, PIN, RFC 6238 TOTP), faults, token
 * expiry, stats. {@link #session()} is what auth-service seals into {@code auth:token} with BROKER=angel.
 */
public final class AngelSimControl {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    public AngelSimControl(String baseUrl) {
        this.base = baseUrl;
    }

    /** Logs in and returns the JSON of {@code AngelSessionCredential} ({@code jwt}, {@code feed_token}, {@code client_code}). */
    public String session() {
        String body = "{\"clientcode\":\"" + SmartApiSimTestResource.CLIENT_CODE + "\",\"password\":\""
                + SmartApiSimTestResource.PIN + "\",\"totp\":\"" + SmartApiSimTestResource.totp(Instant.now()) + "\"}";
        JsonNode answer =
                send(HttpRequest.newBuilder(URI.create(base + "/rest/auth/angelbroking/user/v1/loginByPassword"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header("X-UserType", "USER")
                        .header("X-SourceID", "WEB")
                        .header("X-ClientLocalIP", "127.0.0.1")
                        .header("X-ClientPublicIP", "127.0.0.1")
                        .header("X-MACAddress", "00:00:00:00:00:00")
                        .header("X-PrivateKey", SmartApiSimTestResource.API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        JsonNode data = answer.path("data");
        if (!data.hasNonNull("jwtToken") || !data.hasNonNull("feedToken")) {
            throw new IllegalStateException(
                    "sim login failed: " + answer.path("errorcode").asText() + " "
                            + answer.path("message").asText());
        }
        return JSON.createObjectNode()
                .put("jwt", data.get("jwtToken").asText())
                .put("feed_token", data.get("feedToken").asText())
                .put("client_code", SmartApiSimTestResource.CLIENT_CODE)
                .toString();
    }

    public void fault(String kind, long durationMs) {
        post("/sim/faults", "{\"kind\":\"" + kind + "\",\"duration_ms\":" + durationMs + "}");
    }

    public void drop() {
        post("/sim/faults", "{\"kind\":\"drop\"}");
    }

    public void clearFault(String kind) {
        send(HttpRequest.newBuilder(URI.create(base + "/sim/faults/" + kind))
                .DELETE()
                .build());
    }

    /** Every JWT and feed token stops working, and the open sockets are cut. */
    public void expireSessionsAndDrop() {
        post("/sim/tokens/expire", "{\"drop_sockets\":true}");
    }

    /** Every JWT and feed token stops working; open sockets stay open (silent or not). */
    public void expireSessions() {
        post("/sim/tokens/expire", "{}");
    }

    public void reset() {
        post("/sim/reset", "{}");
    }

    public void rate(double ticksPerSecond) {
        post("/sim/rate", "{\"ticks_per_second\":" + ticksPerSecond + "}");
    }

    public JsonNode stats() {
        return send(
                HttpRequest.newBuilder(URI.create(base + "/sim/stats")).GET().build());
    }

    private void post(String path, String body) {
        send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException("sim call failed: " + request.uri().getPath(), e);
        }
    }
}
