package io.tickwarden.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.auth.support.AuthKiteSimResource;
import io.tickwarden.auth.support.Http;
import io.tickwarden.auth.support.KiteLogin;
import io.tickwarden.auth.support.RedisEvents;
import io.tickwarden.testing.KiteSimTestResource;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** PUT/DELETE /api/auth/token: the admin key in both header forms, the one error shape, Kite's verdict on a PUT token, logout at Kite. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AuthKiteSimResource.class, restrictToAnnotatedClass = true)
class AdminTokenTest {

    private static final String ADMIN = "Bearer dev-admin-key";

    @KiteSimTestResource.InjectKiteSim
    QuarkusAppProcess sim;

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/")
    URL app;

    private String url(String path) {
        String s = app.toString();
        return (s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + path;
    }

    private JsonNode state() {
        return KiteLogin.json(Http.get(url("/api/auth/state")).body());
    }

    private HttpResponse<String> put(String body, String... headers) {
        return Http.send(
                HttpRequest.newBuilder(URI.create(url("/api/auth/token")))
                        .PUT(HttpRequest.BodyPublishers.ofString(body)),
                headers);
    }

    private HttpResponse<String> delete(String... headers) {
        return Http.send(
                HttpRequest.newBuilder(URI.create(url("/api/auth/token"))).DELETE(), headers);
    }

    @Test
    void adminEndpointsWithoutTheKeyAnswer401AndChangeNothing() {
        JsonNode before = state();
        String token =
                KiteLogin.tokenFromSim(sim.baseUrl(), KiteSimTestResource.API_KEY, KiteSimTestResource.API_SECRET);
        String body = "{\"access_token\":\"" + token + "\"}";
        assertEquals(401, put(body, "Content-Type", "application/json").statusCode());
        assertEquals(
                401,
                put(body, "Content-Type", "application/json", "Authorization", "Bearer wrong")
                        .statusCode());
        assertEquals(
                401,
                put(body, "Content-Type", "application/json", "Authorization", "dev-admin-key")
                        .statusCode());
        assertEquals(401, delete().statusCode());
        assertEquals(401, delete("X-Admin-Key", "dev-admin-keyX").statusCode());
        HttpResponse<String> wrong = delete("Authorization", "Bearer dev-admin-keyX");
        assertEquals(401, wrong.statusCode());
        assertEquals(
                "Bearer realm=\"auth-service admin\"",
                wrong.headers().firstValue("WWW-Authenticate").orElse(""));
        assertOneShape(wrong, "unauthorized", Set.of("error", "message", "state"));
        assertEquals(before.path("state"), state().path("state"));
        assertEquals(before.path("token_version"), state().path("token_version"));
    }

    @Test
    void aTokenKiteRefusesIsNotInstalled() {
        JsonNode before = state();
        HttpResponse<String> response =
                put("{\"access_token\":\"made-up-token\"}", "Content-Type", "application/json", "Authorization", ADMIN);
        assertEquals(422, response.statusCode(), response.body());
        assertEquals(
                "token_refused_by_kite",
                KiteLogin.json(response.body()).path("error").asText());
        assertEquals(before.path("state"), state().path("state"));
        assertEquals(before.path("token_version"), state().path("token_version"));
        HttpResponse<String> notJson = put("not json", "Content-Type", "application/json", "Authorization", ADMIN);
        assertEquals(400, notJson.statusCode());
        assertOneShape(notJson, "invalid_body", Set.of("error", "message", "state"));
    }

    @Test
    void everyErrorHasTheOneShape() {
        HttpResponse<String> missing = Http.get(url("/api/auth/nothing-here"));
        assertEquals(404, missing.statusCode());
        assertOneShape(missing, "not_found", Set.of("error", "message"));
        HttpResponse<String> notAllowed = Http.send(
                HttpRequest.newBuilder(URI.create(url("/api/auth/token"))).GET());
        assertEquals(405, notAllowed.statusCode());
        assertOneShape(notAllowed, "method_not_allowed", Set.of("error", "message"));
    }

    /** http-edge's body: "error" and "message", and here auth's unchanged "state" where a refusal carries it. */
    private static void assertOneShape(HttpResponse<String> response, String code, Set<String> fields) {
        JsonNode body = KiteLogin.json(response.body());
        Set<String> names = new TreeSet<>();
        body.fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeSet<>(fields), names, response.body());
        assertEquals(code, body.path("error").asText(), response.body());
        assertFalse(body.path("message").asText().isBlank(), response.body());
    }

    @Test
    void aTokenKiteAcceptsIsInstalledThenLoggedOut() {
        String token =
                KiteLogin.tokenFromSim(sim.baseUrl(), KiteSimTestResource.API_KEY, KiteSimTestResource.API_SECRET);
        try (RedisEvents events = new RedisEvents(redis)) {
            HttpResponse<String> installed = put(
                    "{\"access_token\":\"" + token + "\"}",
                    "Content-Type",
                    "application/json",
                    "X-Admin-Key",
                    "dev-admin-key");
            assertEquals(200, installed.statusCode(), installed.body());
            JsonNode view = KiteLogin.json(installed.body());
            assertEquals("VALID", view.path("state").asText());
            assertEquals("ADMIN_TOKEN", view.path("reason").asText());
            assertFalse(installed.body().contains(token));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.seen("VALID", "ADMIN_TOKEN"));

            HttpResponse<String> out = delete("Authorization", "bearer dev-admin-key");
            assertEquals(200, out.statusCode(), out.body());
            JsonNode after = KiteLogin.json(out.body());
            assertEquals("REQUIRED", after.path("state").asText());
            assertEquals("LOGGED_OUT", after.path("reason").asText());
            assertNull(after.path("token_version").numberValue());
            await().atMost(Duration.ofSeconds(10)).until(() -> events.seen("REQUIRED", "LOGGED_OUT"));
        }
        // logged out at Kite too, and gone from Redis
        assertEquals(403, KiteLogin.profileStatus(sim.baseUrl(), KiteSimTestResource.API_KEY, token));
        assertNull(redis.value(String.class).get("auth:token"));
    }
}
