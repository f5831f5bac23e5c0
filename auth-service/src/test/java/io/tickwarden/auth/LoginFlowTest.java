package io.tickwarden.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The browser login against kite-sim, through real HTTP redirects, and every way a callback must be refused. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AuthKiteSimResource.class, restrictToAnnotatedClass = true)
class LoginFlowTest {

    @KiteSimTestResource.InjectKiteSim
    QuarkusAppProcess sim;

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/")
    URL app;

    private String base() {
        String s = app.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private JsonNode state() {
        return KiteLogin.json(Http.get(base() + "/api/auth/state").body());
    }

    @Test
    void loginRoundTripEndsValidAndPublishesTheChange() {
        try (RedisEvents events = new RedisEvents(redis)) {
            KiteLogin.Hops hops = KiteLogin.startLogin(base());
            // our redirect: KITE_LOGIN_URL?v=3&api_key=...&redirect_params=state=...
            assertTrue(hops.kiteLoginUrl().startsWith(sim.baseUrl() + "/connect/login?"), hops.kiteLoginUrl());
            assertEquals("3", Http.query(hops.kiteLoginUrl()).get("v"));
            assertEquals(
                    KiteSimTestResource.API_KEY, Http.query(hops.kiteLoginUrl()).get("api_key"));
            assertTrue(Http.query(hops.kiteLoginUrl()).get("redirect_params").startsWith("state="));

            HttpResponse<String> callback = Http.get(hops.callbackUrl());
            assertEquals(302, callback.statusCode(), callback.body());
            assertEquals("http://localhost:8080/", Http.location(callback));

            JsonNode state = state();
            assertEquals("VALID", state.path("state").asText());
            assertTrue(state.path("is_valid").asBoolean());
            assertFalse(state.path("requires_login").asBoolean());
            assertEquals("LOGIN", state.path("reason").asText());
            assertEquals("ZS1234", state.path("user_id").asText());
            assertFalse(state.has("access_token"));
            // login_time corrected from the JVM zone to IST: it is "now", not 5h30m off
            OffsetDateTime login = OffsetDateTime.parse(state.path("login_time").asText());
            assertTrue(
                    Duration.between(login.toInstant(), java.time.Instant.now())
                                    .abs()
                                    .toMinutes()
                            < 2,
                    "login_time " + login);
            assertEquals("+05:30", login.getOffset().getId());
            OffsetDateTime expires =
                    OffsetDateTime.parse(state.path("expires_at").asText());
            assertEquals(
                    6,
                    expires.atZoneSameInstant(java.time.ZoneId.of("Asia/Kolkata"))
                            .getHour());
            assertEquals(0, expires.getMinute());

            await().atMost(Duration.ofSeconds(10)).until(() -> events.seen("VALID", "LOGIN"));
            JsonNode event = events.events().stream()
                    .filter(e -> "VALID".equals(e.path("to").asText()))
                    .findFirst()
                    .orElseThrow();
            assertEquals("auth_state_changed", event.path("type").asText());
            assertEquals("REFRESHING", event.path("from").asText());
            assertEquals(
                    state.path("token_version").asLong(),
                    event.path("token_version").asLong());
            assertTrue(event.has("at"));
            assertTrue(events.seen("REFRESHING", "TOKEN_GRANTED"));

            // the snapshot key holds the same, and no token
            JsonNode snapshot = KiteLogin.json(redis.value(String.class).get("auth:state"));
            assertEquals("VALID", snapshot.path("state").asText());
            assertTrue(snapshot.has("updated_at"));
        }
    }

    @Test
    void secondLoginReplacesTheTokenWithANewVersion() {
        KiteLogin.fullLogin(base());
        long first = state().path("token_version").asLong();
        KiteLogin.fullLogin(base());
        JsonNode state = state();
        assertEquals("VALID", state.path("state").asText());
        assertTrue(state.path("token_version").asLong() > first);
    }

    @Test
    void forgedStateIsRefusedAndChangesNothing() {
        JsonNode before = state();
        KiteLogin.Hops hops = KiteLogin.startLogin(base());
        String forged = Http.withParam(hops.callbackUrl(), "state", "A".repeat(43));
        assertRefusedUnchanged(forged, 403, "forged_or_replayed_state", before);
        String missing = Http.withParam(hops.callbackUrl(), "state", null);
        assertRefusedUnchanged(missing, 403, "forged_or_replayed_state", before);
    }

    @Test
    void replayedCallbackIsRefused() {
        KiteLogin.Hops hops = KiteLogin.startLogin(base());
        assertEquals(302, Http.get(hops.callbackUrl()).statusCode());
        JsonNode after = state();
        assertRefusedUnchanged(hops.callbackUrl(), 403, "forged_or_replayed_state", after);
    }

    @Test
    void cancelledLoginIsRefused() {
        JsonNode before = state();
        KiteLogin.Hops hops = KiteLogin.startLogin(base());
        assertRefusedUnchanged(
                Http.withParam(hops.callbackUrl(), "status", "cancelled"), 400, "login_not_successful", before);
    }

    @Test
    void badRequestTokenIsRefused() {
        JsonNode before = state();
        KiteLogin.Hops hops = KiteLogin.startLogin(base());
        assertRefusedUnchanged(
                Http.withParam(hops.callbackUrl(), "request_token", "not-a-request-token"),
                400,
                "request_token_refused",
                before);
    }

    @Test
    void alreadyUsedRequestTokenIsRefused() {
        KiteLogin.Hops used = KiteLogin.startLogin(base());
        assertEquals(302, Http.get(used.callbackUrl()).statusCode());
        JsonNode before = state();
        KiteLogin.Hops fresh = KiteLogin.startLogin(base());
        String reused = Http.withParam(
                fresh.callbackUrl(),
                "request_token",
                Http.query(used.callbackUrl()).get("request_token"));
        assertRefusedUnchanged(reused, 400, "request_token_refused", before);
    }

    @Test
    void browsersGetAnHtmlErrorPage() {
        HttpResponse<String> page = Http.get(
                base() + "/api/auth/callback?status=success&request_token=x&state=nope",
                "Accept",
                "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(403, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("Kite login refused"), page.body());
    }

    private void assertRefusedUnchanged(String callbackUrl, int status, String error, JsonNode before) {
        try (RedisEvents events = new RedisEvents(redis)) {
            HttpResponse<String> response = Http.get(callbackUrl, "Accept", "application/json");
            assertEquals(status, response.statusCode(), response.body());
            JsonNode body = KiteLogin.json(response.body());
            assertEquals(error, body.path("error").asText());
            assertNotEquals("", body.path("message").asText());
            JsonNode after = state();
            assertEquals(before.path("state").asText(), after.path("state").asText());
            assertEquals(before.path("token_version"), after.path("token_version"));
            assertEquals(before.path("state_since"), after.path("state_since"));
            // a transition is published before the callback answers, so it would show up within milliseconds
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> events.events().isEmpty());
        }
    }
}
