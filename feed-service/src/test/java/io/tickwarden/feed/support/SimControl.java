package io.tickwarden.feed.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.testing.KiteSimTestResource;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/** Drives kite-sim over HTTP: browserless login, faults, tokens, stats. */
public final class SimControl {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;

    public SimControl(String baseUrl) {
        this.base = baseUrl;
    }

    /** GET /connect/login -> 302 with request_token -> POST /session/token with the checksum -> access token. */
    public String login() {
        try {
            String key = KiteSimTestResource.API_KEY;
            HttpResponse<String> redirect = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/connect/login?v=3&api_key=" + key))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = redirect.headers()
                    .firstValue("Location")
                    .orElseThrow(() ->
                            new IllegalStateException("no redirect from the sim login: " + redirect.statusCode()));
            String requestToken = location.replaceAll(".*[?&]request_token=([^&]+).*", "$1");
            String checksum = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest((key + requestToken + KiteSimTestResource.API_SECRET)
                                    .getBytes(StandardCharsets.UTF_8)));
            String form = "api_key=" + enc(key) + "&request_token=" + enc(requestToken) + "&checksum=" + checksum;
            HttpResponse<String> session = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/session/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Kite-Version", "3")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(session.body())
                    .path("data")
                    .path("access_token")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException("sim login failed", e);
        }
    }

    public void fault(String kind, long durationMs) {
        post("/sim/faults", "{\"kind\":\"" + kind + "\",\"duration_ms\":" + durationMs + "}");
    }

    public void drop() {
        post("/sim/faults", "{\"kind\":\"drop\"}");
    }

    /** Cuts one ticker socket (an id from {@link #stats()}) without a close frame. */
    public void dropSocket(long socketId) {
        post("/sim/faults", "{\"kind\":\"drop\",\"socket_id\":" + socketId + "}");
    }

    public void clearFault(String kind) {
        send(HttpRequest.newBuilder(URI.create(base + "/sim/faults/" + kind))
                .DELETE()
                .build());
    }

    public void expireTokens() {
        post("/sim/tokens/expire", "");
    }

    public void reset() {
        post("/sim/reset", "");
    }

    public void rate(double ticksPerSecond) {
        post("/sim/rate", "{\"ticks_per_second\":" + ticksPerSecond + "}");
    }

    public JsonNode stats() {
        try {
            return JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/sim/stats"))
                    .GET()
                    .build()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String instrumentsCsv() {
        return send(
                HttpRequest.newBuilder(URI.create(base + "/instruments")).GET().build());
    }

    private void post(String path, String body) {
        send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) {
                throw new IllegalStateException(request.uri().getPath() + " -> " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (Exception e) {
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
