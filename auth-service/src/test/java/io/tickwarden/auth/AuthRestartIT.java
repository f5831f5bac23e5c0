package io.tickwarden.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.auth.support.Http;
import io.tickwarden.auth.support.KiteLogin;
import io.tickwarden.auth.support.ReservedPorts;
import io.tickwarden.kite.TokenCipher;
import io.tickwarden.testing.KiteSimTestResource;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisServerProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged auth-service (prod profile, real process) against a real Redis and kite-sim: a login survives a
 * clean restart and a crash of auth-service, with no new login, and its process log never shows the token
 * or the api_secret.
 */
class AuthRestartIT {

    private static final String ENCRYPTION_KEY = TokenCipher.generateKey();
    /** A start takes a few seconds; generous for a loaded machine (the wait ends when the app is ready). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static RedisServerProcess redis;
    private static QuarkusAppProcess sim;
    private static QuarkusAppProcess auth;

    @BeforeAll
    static void start() {
        // Redis and auth-service are stopped and started again on their ports: ports no one else is handed
        int redisPort = ReservedPorts.next();
        int authPort = ReservedPorts.next();
        while (authPort == redisPort) {
            authPort = ReservedPorts.next();
        }
        redis = new RedisServerProcess(redisPort);
        redis.start();
        sim = QuarkusAppProcess.start(
                "kite-sim", Map.of("kite-sim.redirect-url", "http://localhost:" + authPort + "/api/auth/callback"));
        Map<String, String> props = new HashMap<>();
        props.put("quarkus.redis.hosts", redis.url());
        props.put("KITE_API_URL", sim.baseUrl());
        props.put("KITE_WS_URL", "ws://localhost:" + sim.port());
        props.put("KITE_LOGIN_URL", sim.baseUrl() + "/connect/login");
        props.put("KITE_API_KEY", KiteSimTestResource.API_KEY);
        props.put("KITE_API_SECRET", KiteSimTestResource.API_SECRET);
        props.put("ADMIN_API_KEY", "it-admin-key-0123456789");
        props.put("TOKEN_ENCRYPTION_KEY", ENCRYPTION_KEY);
        props.put("GATEWAY_URL", "http://localhost:8080/");
        auth = new QuarkusAppProcess("auth-service", authPort, props);
        auth.start(START_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (auth != null) {
            auth.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static JsonNode state() {
        return KiteLogin.json(Http.get(auth.baseUrl() + "/api/auth/state").body());
    }

    @Test
    void aLoginSurvivesRestartsAndCrashesWithoutANewLogin() throws Exception {
        assertEquals("http://localhost:8080/", KiteLogin.fullLogin(auth.baseUrl()));
        JsonNode before = state();
        assertEquals("VALID", before.path("state").asText());
        JsonNode stored = KiteLogin.json(redis.command("GET", "auth:token"));
        String token = TokenCipher.fromBase64Key(ENCRYPTION_KEY)
                .decrypt(
                        stored.path("ciphertext").asText(),
                        stored.path("token_version").asLong());

        auth.stop();
        auth.start(START_TIMEOUT);
        assertRestored(before);

        auth.kill();
        auth.start(START_TIMEOUT);
        assertRestored(before);

        // the restored token is really used: Kite drops it, verify notices
        KiteLogin.expireAllTokens(sim.baseUrl());
        JsonNode expired = KiteLogin.json(
                Http.post(auth.baseUrl() + "/api/auth/verify", "").body());
        assertEquals("EXPIRED", expired.path("state").asText());

        String log = Files.readString(auth.logFile());
        assertTrue(log.contains("Auth state restored from Redis: VALID"), log);
        assertFalse(log.contains(token), "the access token is in the process log");
        assertFalse(log.contains(KiteSimTestResource.API_SECRET), "the api_secret is in the process log");
        assertFalse(log.contains(ENCRYPTION_KEY), "the encryption key is in the process log");
    }

    @Test
    void redisDownAtStartUpDelaysReadinessUntilTheStateIsRestored() {
        KiteLogin.fullLogin(auth.baseUrl());
        JsonNode before = state();
        auth.stop();
        redis.kill();
        auth.start(Duration.ZERO);
        // auth-service is up (live) but not ready: it cannot read the state back while Redis is down
        await("auth-service live")
                .atMost(Duration.ofSeconds(120))
                .ignoreExceptions()
                .until(() -> Http.get(auth.baseUrl() + "/q/health/live").statusCode() == 200);
        assertFalse(auth.ready(), "ready without Redis");
        // Redis comes back (with its data) while auth-service runs; the restore is retried every second and the
        // reports subscription backs off up to 5 s
        redis.start();
        await("auth-service ready").atMost(Duration.ofSeconds(60)).until(auth::ready);
        assertRestored(before);
    }

    @Test
    void adminEndpointsRefuseWithoutTheKey() {
        assertEquals(
                401,
                Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(auth.baseUrl() + "/api/auth/token"))
                                .DELETE())
                        .statusCode());
        assertEquals(
                401,
                Http.send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create(auth.baseUrl() + "/api/auth/token"))
                                        .DELETE(),
                                "Authorization",
                                "Bearer dev-admin-key")
                        .statusCode(),
                "the dev key must not work in prod");
    }

    private static void assertRestored(JsonNode before) {
        JsonNode after = state();
        assertEquals("VALID", after.path("state").asText(), after.toString());
        assertEquals(before.path("token_version"), after.path("token_version"));
        assertEquals(before.path("user_id"), after.path("user_id"));
        assertEquals(before.path("expires_at"), after.path("expires_at"));
        // the start-up validation asks Kite, which still accepts the token
        JsonNode verified = KiteLogin.json(
                Http.post(auth.baseUrl() + "/api/auth/verify", "").body());
        assertEquals("VALID", verified.path("state").asText());
        assertTrue(verified.path("last_error").isNull(), verified.toString());
    }
}
