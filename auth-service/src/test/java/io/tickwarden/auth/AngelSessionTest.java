package io.tickwarden.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tickwarden.auth.domain.JwtExpiry;
import io.tickwarden.auth.support.AngelProfile;
import io.tickwarden.auth.support.AngelSim;
import io.tickwarden.auth.support.Http;
import io.tickwarden.auth.support.KiteLogin;
import io.tickwarden.auth.support.RedisEvents;
import io.tickwarden.contracts.auth.AngelSessionCredential;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.kite.TokenCipher;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisTestResource;
import io.tickwarden.testing.SmartApiSimTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * BROKER=angel against smartapi-sim and real Redis: auth-service logs in by itself, logs in again (once) when the
 * sim kills every JWT, stops after two refused logins with a reason a human can act on, resumes when told, and
 * keeps every secret out of logs and answers.
 */
@QuarkusTest
@TestProfile(AngelProfile.class)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SmartApiSimTestResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AngelSessionTest {

    private static final String ADMIN = "Bearer dev-admin-key";
    private static final ObjectMapper SNAKE =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    /** Every JWT, feed token and refresh token seen: none may show up in a log or an answer. */
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    @SmartApiSimTestResource.InjectSmartApiSim
    QuarkusAppProcess sim;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "auth.token-encryption-key")
    String encryptionKey;

    @TestHTTPResource("/")
    URL app;

    private String url(String path) {
        String s = app.toString();
        return (s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + path;
    }

    private JsonNode state() {
        return KiteLogin.json(Http.get(url("/api/auth/state")).body());
    }

    /** Whatever the previous test did: the right secret in place, automatic login on, a VALID session. */
    @BeforeEach
    void validSession() {
        AngelProfile.writeTotpSecret(SmartApiSimTestResource.TOTP_SECRET);
        if (!"VALID".equals(state().path("state").asText())) {
            Http.post(url("/api/auth/resume"), "", "Authorization", ADMIN);
        }
        await("a VALID Angel session")
                .atMost(Duration.ofSeconds(30))
                .until(() -> "VALID".equals(state().path("state").asText()));
        AngelSim.reset(sim);
    }

    @AfterAll
    static void rightSecretBack() {
        AngelProfile.writeTotpSecret(SmartApiSimTestResource.TOTP_SECRET);
    }

    /** What the feed does: read auth:token, open it with TOKEN_ENCRYPTION_KEY, parse the credential. */
    private AngelSessionCredential storedCredential(JsonNode stored) throws Exception {
        String plaintext = TokenCipher.fromBase64Key(encryptionKey)
                .decrypt(
                        stored.path("ciphertext").asText(),
                        stored.path("token_version").asLong());
        AngelSessionCredential credential = SNAKE.readValue(plaintext, AngelSessionCredential.class);
        SECRETS.add(credential.jwt());
        SECRETS.add(credential.feedToken());
        String sealedRefresh = redis.value(String.class).get(AuthRedisNames.ANGEL_REFRESH_KEY);
        if (sealedRefresh != null) {
            SECRETS.add(TokenCipher.fromBase64Key(encryptionKey)
                    .decrypt(sealedRefresh, stored.path("token_version").asLong()));
        }
        return credential;
    }

    private JsonNode storedToken() {
        return KiteLogin.json(redis.value(String.class).get("auth:token"));
    }

    @Test
    @Order(1)
    void logsInByItselfAndSealsTheSessionForTheFeed() throws Exception {
        JsonNode state = state();
        assertEquals("VALID", state.path("state").asText());
        assertEquals("AUTO_LOGIN", state.path("reason").asText(), state.toString());
        assertTrue(state.path("message").asText().contains("Angel One"), state.toString());
        assertEquals(SmartApiSimTestResource.CLIENT_CODE, state.path("user_id").asText());
        assertTrue(state.path("login_url").isNull(), "no browser login with Angel: " + state);

        JsonNode stored = storedToken();
        assertEquals(
                state.path("token_version").asLong(),
                stored.path("token_version").asLong());
        AngelSessionCredential credential = storedCredential(stored);
        assertEquals(SmartApiSimTestResource.CLIENT_CODE, credential.clientCode());
        assertFalse(credential.feedToken() == null || credential.feedToken().isBlank());
        assertTrue(AngelSim.profileAccepts(sim, credential.jwt()), "the sealed JWT works at Angel");
        // expires_at is the JWT's own exp, not Kite's 06:00
        assertEquals(
                JwtExpiry.expiresAt(credential.jwt()).orElseThrow(),
                OffsetDateTime.parse(stored.path("expires_at").asText()).toInstant());
        assertEquals(
                stored.path("expires_at").asText(), state.path("expires_at").asText());
        // the refresh token stays inside auth-service, sealed
        String sealedRefresh = redis.value(String.class).get(AuthRedisNames.ANGEL_REFRESH_KEY);
        assertNotNull(sealedRefresh);
        assertTrue(sealedRefresh.startsWith("tw1."), "sealed like auth:token");
    }

    @Test
    @Order(2)
    void theSimExpiringEveryJwtLeadsToExactlyOneReLogin() throws Exception {
        long before = state().path("token_version").asLong();
        try (RedisEvents events = new RedisEvents(redis)) {
            AngelSim.expireAllTokens(sim);
            // every feed replica reports, some of them twice
            for (int i = 0; i < 3; i++) {
                redis.pubsub(String.class)
                        .publish(
                                "auth.reports",
                                "{\"type\":\"token_rejected\",\"source\":\"feed-service\","
                                        + "\"token_version\":" + before + ",\"at\":\"" + OffsetDateTime.now()
                                        + "\",\"http_status\":403,"
                                        + "\"detail\":\"quote answered AG8001\"}");
            }
            await("a new session")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> "VALID".equals(state().path("state").asText())
                            && state().path("token_version").asLong() > before);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.seen("VALID", "AUTO_LOGIN"));
            assertTrue(
                    events.seen("EXPIRED", "FEED_REPORTED_REJECTION"),
                    events.events().toString());
            assertTrue(
                    events.seen("REFRESHING", "TOKEN_GRANTED"), events.events().toString());
        }
        // and only one: the reports about the old version are stale, the new session is fine
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> AngelSim.stat(sim, "logins") == 1 && AngelSim.stat(sim, "failed_logins") == 0);
        assertTrue(AngelSim.profileAccepts(sim, storedCredential(storedToken()).jwt()));
    }

    @Test
    @Order(3)
    void aWrongTotpSecretStopsAfterTwoAttemptsWithAReasonAndResumesWhenFixed() {
        AngelProfile.writeTotpSecret("JBSWY3DPEHPK3PXP"); // valid base32, not the account's
        long before = state().path("token_version").asLong();
        AngelSim.expireAllTokens(sim);
        Http.post(url("/api/auth/verify"), ""); // the periodic check, now: getProfile answers AG8001

        await("REQUIRED after refused logins")
                .atMost(Duration.ofSeconds(30))
                .until(() -> "LOGIN_REFUSED".equals(state().path("reason").asText()));
        JsonNode state = state();
        assertEquals("REQUIRED", state.path("state").asText());
        assertTrue(state.path("requires_login").asBoolean());
        assertTrue(
                state.path("message").asText().startsWith("ANGEL_PIN or ANGEL_TOTP_SECRET refused by Angel One"),
                state.toString());
        assertTrue(state.path("message").asText().contains("/api/auth/resume"), state.toString());
        assertTrue(state.path("token_version").isNull(), "the dead session is gone");

        HttpResponse<String> ready = Http.get(url("/q/health/ready"));
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("ANGEL_PIN or ANGEL_TOTP_SECRET refused"), ready.body());

        // exactly two attempts, and no third however long we wait
        assertEquals(2, AngelSim.stat(sim, "failed_logins"));
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(10))
                .until(() -> AngelSim.stat(sim, "failed_logins") == 2 && AngelSim.stat(sim, "logins") == 0);

        // an operator fixes the secret (the mounted file) and resumes
        AngelProfile.writeTotpSecret(SmartApiSimTestResource.TOTP_SECRET);
        assertEquals(401, Http.post(url("/api/auth/resume"), "").statusCode());
        HttpResponse<String> resumed = Http.post(url("/api/auth/resume"), "", "Authorization", ADMIN);
        assertEquals(202, resumed.statusCode(), resumed.body());
        await("VALID after resume")
                .atMost(Duration.ofSeconds(30))
                .until(() -> "VALID".equals(state().path("state").asText())
                        && state().path("token_version").asLong() > before);
        assertEquals(1, AngelSim.stat(sim, "logins"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Http.get(url("/q/health/ready")).statusCode() == 200);
    }

    @Test
    @Order(7)
    void logoutCallsAngelAndPausesAutomaticLoginUntilResumed() {
        HttpResponse<String> out = Http.send(
                HttpRequest.newBuilder(URI.create(url("/api/auth/token"))).DELETE(), "Authorization", ADMIN);
        assertEquals(200, out.statusCode(), out.body());
        assertEquals("LOGGED_OUT", KiteLogin.json(out.body()).path("reason").asText());
        assertEquals(1, AngelSim.stat(sim, "logouts"));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> "REQUIRED".equals(state().path("state").asText()) && AngelSim.stat(sim, "logins") == 0);
        assertEquals(
                202,
                Http.post(url("/api/auth/resume"), "", "Authorization", ADMIN).statusCode());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "VALID".equals(state().path("state").asText()));
    }

    @Test
    @Order(4)
    void theKiteBrowserLoginAndTokenInstallAnswerAClearError() {
        for (String path : List.of("/api/auth/login", "/api/auth/callback?request_token=x&status=success&state=y")) {
            HttpResponse<String> r = Http.get(url(path), "Accept", "application/json");
            assertEquals(409, r.statusCode(), r.body());
            assertEquals(
                    "no_browser_login_with_angel",
                    KiteLogin.json(r.body()).path("error").asText());
            assertTrue(r.body().contains("ANGEL_TOTP_SECRET"), r.body());
        }
        HttpResponse<String> put = Http.send(
                HttpRequest.newBuilder(URI.create(url("/api/auth/token")))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"access_token\":\"x\"}")),
                "Authorization",
                ADMIN);
        assertEquals(409, put.statusCode(), put.body());
    }

    @Test
    @Order(5)
    void beforeThePreOpenASessionEndingDuringTheDayIsRenewedOnce() {
        long before = state().path("token_version").asLong();
        OffsetDateTime preOpen = OffsetDateTime.now(java.time.ZoneId.of("Asia/Kolkata"))
                .plusMinutes(10)
                .withNano(0);
        redis.value(String.class)
                .set(
                        "market:session:NSE",
                        "{\"phase\":\"CLOSED\",\"next_phase\":\"PRE_OPEN\"," + "\"next_change_at\":\"" + preOpen
                                + "\",\"trading_day\":\"" + preOpen.toLocalDate() + "\"}");
        try {
            await("renewed for the pre-open")
                    .atMost(Duration.ofSeconds(20))
                    .until(() ->
                            "SESSION_REFRESHED".equals(state().path("reason").asText())
                                    && state().path("token_version").asLong() > before);
            // once per pre-open, although the new session also ends within the (test's 48 h) horizon
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> AngelSim.stat(sim, "token_refreshes") == 1 && AngelSim.stat(sim, "logins") == 0);
        } finally {
            redis.key().del("market:session:NSE");
        }
    }

    @Test
    @Order(6)
    void noSecretInLogsAnswersOrRedis() throws Exception {
        storedCredential(storedToken());
        List<String> answers = List.of(
                Http.get(url("/api/auth/state")).body(),
                Http.get(url("/q/health")).body(),
                Http.get(url("/q/metrics")).body(),
                Http.post(url("/api/auth/verify"), "").body(),
                redis.value(String.class).get("auth:state"),
                redis.value(String.class).get("auth:token"));
        String log = Files.readString(Path.of("target/auth-service-test.log"));
        assertTrue(log.contains("Angel One"), "the log file captures the app's log");
        List<String> fixed = List.of(SmartApiSimTestResource.TOTP_SECRET, "JBSWY3DPEHPK3PXP");
        for (String secret : concat(SECRETS, fixed)) {
            assertFalse(log.contains(secret), "a secret is in the log: " + mask(secret));
            for (String answer : answers) {
                assertFalse(answer.contains(secret), "a secret is in an answer: " + mask(secret));
            }
        }
        assertFalse(log.contains("\"password\""), "a login body is in the log");
        for (String answer : answers) {
            assertFalse(answer.contains("\"password\"") || answer.contains("\"pin\""), "a PIN field in " + answer);
        }
    }

    private static List<String> concat(Set<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream())
                .filter(s -> s != null && s.length() >= 4)
                .toList();
    }

    private static String mask(String secret) {
        return secret.substring(0, Math.min(3, secret.length())) + "...";
    }
}
