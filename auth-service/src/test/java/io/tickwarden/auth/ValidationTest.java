package io.tickwarden.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.auth.support.AdjustableClock;
import io.tickwarden.auth.support.AuthKiteSimResource;
import io.tickwarden.auth.support.Http;
import io.tickwarden.auth.support.KiteLogin;
import io.tickwarden.auth.support.RedisEvents;
import io.tickwarden.testing.KiteSimTestResource;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token validation: verify on demand, Kite unreachable, the 06:00 IST clock rule, feed reports, Redis restarts. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AuthKiteSimResource.class, restrictToAnnotatedClass = true)
class ValidationTest {

    @KiteSimTestResource.InjectKiteSim
    QuarkusAppProcess sim;

    @RedisTestResource.InjectRedis
    RedisServerProcess redisProcess;

    @Inject
    RedisDataSource redis;

    @Inject
    AdjustableClock clock;

    @TestHTTPResource("/")
    URL app;

    @AfterEach
    void restore() {
        clock.reset();
        if (!sim.isRunning()) {
            sim.start();
        }
        if (!redisProcess.isRunning()) {
            redisProcess.start();
        }
    }

    private String base() {
        String s = app.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private JsonNode state() {
        return KiteLogin.json(Http.get(base() + "/api/auth/state").body());
    }

    private JsonNode verify() {
        var response = Http.post(base() + "/api/auth/verify", "");
        assertEquals(200, response.statusCode(), response.body());
        return KiteLogin.json(response.body());
    }

    private void loginValid() {
        KiteLogin.fullLogin(base());
        assertEquals("VALID", state().path("state").asText());
    }

    @Test
    void verifyAfterKiteExpiredTheTokensGivesExpired() {
        loginValid();
        JsonNode ok = verify();
        assertEquals("VALID", ok.path("state").asText());
        assertNotNull(ok.path("last_validated_at").textValue());

        try (RedisEvents events = new RedisEvents(redis)) {
            KiteLogin.expireAllTokens(sim.baseUrl());
            JsonNode expired = verify();
            assertEquals("EXPIRED", expired.path("state").asText());
            assertEquals("TOKEN_REJECTED", expired.path("reason").asText());
            assertTrue(expired.path("requires_login").asBoolean());
            await().atMost(Duration.ofSeconds(5)).until(() -> events.seen("EXPIRED", "TOKEN_REJECTED"));
        }
    }

    @Test
    void kiteUnreachableKeepsValidAndSetsLastError() {
        loginValid();
        long version = state().path("token_version").asLong();
        sim.stop();
        JsonNode after = verify();
        assertEquals("VALID", after.path("state").asText());
        assertEquals(version, after.path("token_version").asLong());
        assertFalse(after.path("last_error").isNull(), after.toString());
        assertNotNull(after.path("last_error_at").textValue());
        sim.start();
    }

    @Test
    void at0600IstTheStateExpiresWithoutAKiteCall() {
        loginValid();
        OffsetDateTime expiresAt = OffsetDateTime.parse(state().path("expires_at").asText());
        long profileCalls = KiteLogin.profileCalls(sim.baseUrl());
        try (RedisEvents events = new RedisEvents(redis)) {
            clock.jumpTo(expiresAt.toInstant().minusSeconds(2));
            assertEquals("VALID", state().path("state").asText());
            clock.jumpTo(expiresAt.toInstant());
            await().atMost(Duration.ofSeconds(5)).until(() -> events.seen("EXPIRED", "DAILY_EXPIRY"));
            JsonNode expired = state();
            assertEquals("EXPIRED", expired.path("state").asText());
            assertEquals("DAILY_EXPIRY", expired.path("reason").asText());
            // POST /verify after 06:00 does not ask Kite either: the clock already decided
            assertEquals("EXPIRED", verify().path("state").asText());
        }
        assertEquals(profileCalls, KiteLogin.profileCalls(sim.baseUrl()), "Kite was called");
    }

    @Test
    void feedReportOfARejectedHandshakeIsVerifiedAtOnce() {
        loginValid();
        long version = state().path("token_version").asLong();
        KiteLogin.expireAllTokens(sim.baseUrl());
        // Pub/sub has no memory: after another test restarted Redis, wait until the reports subscription is back
        // (readiness includes it) before publishing, or the report is lost.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertEquals(200, Http.get(base() + "/q/health/ready").statusCode()));
        try (RedisEvents events = new RedisEvents(redis)) {
            publishReport(version);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.seen("EXPIRED", "FEED_REPORTED_REJECTION"));
        }
        assertEquals("EXPIRED", state().path("state").asText());
    }

    @Test
    void aStormOfReportsMakesAtMostOneKiteCallPerInterval() {
        loginValid();
        long version = state().path("token_version").asLong();
        long before = KiteLogin.profileCalls(sim.baseUrl());
        for (int i = 0; i < 40; i++) {
            publishReport(version);
        }
        // one call at once, then nothing for the rest of the 5 s interval...
        await().atMost(Duration.ofSeconds(3)).until(() -> KiteLogin.profileCalls(sim.baseUrl()) == before + 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> KiteLogin.profileCalls(sim.baseUrl()) <= before + 1);
        // ...then a single trailing call covers the reports that came in meanwhile
        await().atMost(Duration.ofSeconds(8)).until(() -> KiteLogin.profileCalls(sim.baseUrl()) == before + 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> KiteLogin.profileCalls(sim.baseUrl()) == before + 2);
        assertEquals("VALID", state().path("state").asText(), "Kite still accepts the token");
    }

    @Test
    void reportsAboutAnOlderTokenAreIgnored() {
        loginValid();
        long version = state().path("token_version").asLong();
        long before = KiteLogin.profileCalls(sim.baseUrl());
        publishReport(version - 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> KiteLogin.profileCalls(sim.baseUrl()) == before);
    }

    @Test
    void reportsStillArriveAfterRedisRestarts() {
        loginValid();
        long version = state().path("token_version").asLong();
        redisProcess.kill();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertEquals(503, Http.get(base() + "/q/health/ready").statusCode()));
        redisProcess.start();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(200, Http.get(base() + "/q/health/ready").statusCode()));
        KiteLogin.expireAllTokens(sim.baseUrl());
        // the subscription was lost with the old connection; only a re-subscribed listener sees this
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            publishReport(version);
            return "EXPIRED".equals(state().path("state").asText());
        });
        assertEquals("FEED_REPORTED_REJECTION", state().path("reason").asText());
    }

    @Test
    void redisLosingItsDataGetsTheSnapshotAndTheTokenBack() {
        loginValid();
        long version = state().path("token_version").asLong();
        redisProcess.restart(false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String snapshot = redis.value(String.class).get("auth:state");
            assertNotNull(snapshot);
            assertEquals("VALID", KiteLogin.json(snapshot).path("state").asText());
            String token = redis.value(String.class).get("auth:token");
            assertNotNull(token);
            assertEquals(version, KiteLogin.json(token).path("token_version").asLong());
        });
        // the lost version counter does not hand out an old version again
        loginValid();
        assertTrue(state().path("token_version").asLong() > version);
    }

    private void publishReport(long version) {
        redis.pubsub(String.class).publish("auth.reports", "{\"type\":\"handshake_rejected\",\"source\":\"test-feed\","
                + "\"token_version\":" + version + ",\"at\":\"" + OffsetDateTime.now() + "\",\"http_status\":403,"
                + "\"detail\":\"WebSocket handshake answered 403\"}");
    }
}
