package io.tickwarden.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Token validation: verify on demand, Kite unreachable, the 06:00 IST clock rule, feed reports, Redis restarts.
 * Report checks are at most one per {@code auth.report-verify-min-interval} (5 s) and that interval carries over
 * from one test to the next, so a test's first report check may wait up to 5 s for an earlier test's interval.
 */
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

    @Inject
    MeterRegistry metrics;

    @TestHTTPResource("/")
    URL app;

    /** Whatever an earlier test did to Redis or the sim: the state is read back and auth.reports is subscribed. */
    @BeforeEach
    void awaitReady() {
        await("auth-service ready")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertEquals(200, Http.get(base() + "/q/health/ready").statusCode()));
    }

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
            await().atMost(Duration.ofSeconds(10)).until(() -> events.seen("EXPIRED", "TOKEN_REJECTED"));
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
        OffsetDateTime expiresAt =
                OffsetDateTime.parse(state().path("expires_at").asText());
        long profileCalls = KiteLogin.profileCalls(sim.baseUrl());
        try (RedisEvents events = new RedisEvents(redis)) {
            // a minute before: time keeps flowing while the state is read
            clock.jumpTo(expiresAt.toInstant().minusSeconds(60));
            assertEquals("VALID", state().path("state").asText());
            clock.jumpTo(expiresAt.toInstant());
            // the clock rule is checked every second
            await().atMost(Duration.ofSeconds(10)).until(() -> events.seen("EXPIRED", "DAILY_EXPIRY"));
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
        // Pub/sub has no memory: the reports subscription must be live before publishing, or the report is lost
        // (readiness includes it; see awaitReady).
        try (RedisEvents events = new RedisEvents(redis)) {
            publishReport(version);
            // at once, or once the 5 s report interval of an earlier test's check has passed
            await().atMost(Duration.ofSeconds(20)).until(() -> events.seen("EXPIRED", "FEED_REPORTED_REJECTION"));
        }
        assertEquals("EXPIRED", state().path("state").asText());
    }

    @Test
    void aStormOfReportsMakesAtMostOneKiteCallPerInterval() {
        loginValid();
        long version = state().path("token_version").asLong();
        long before = KiteLogin.profileCalls(sim.baseUrl());
        double handled = reports("verify");
        long start = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            publishReport(version);
        }
        // One check for the storm: at once, or when the 5 s interval of an earlier test's check ends.
        await().atMost(Duration.ofSeconds(20)).until(() -> KiteLogin.profileCalls(sim.baseUrl()) >= before + 1);
        // More reports, certainly after that check began: one trailing check covers them all, and not before the
        // interval since the first check has passed. (Whether reports of the first storm still came in after the
        // first check began depends on timing; either way they end up in the same trailing check.)
        for (int i = 0; i < 40; i++) {
            publishReport(version);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> reports("verify") >= handled + 80);
        await().atMost(Duration.ofSeconds(20)).until(() -> KiteLogin.profileCalls(sim.baseUrl()) >= before + 2);
        long secondCallSeenMs = (System.nanoTime() - start) / 1_000_000;
        // the first check began after the first report was published, the trailing one at least 5 s after that
        assertTrue(secondCallSeenMs >= 4_990, "second Kite call " + secondCallSeenMs + " ms after the storm began");
        // Exactly two calls for 80 reports: every report was handled before the trailing check, and a third check
        // could not come sooner than 5 s after the second anyway.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> KiteLogin.profileCalls(sim.baseUrl()) == before + 2);
        assertEquals("VALID", state().path("state").asText(), "Kite still accepts the token");
    }

    @Test
    void reportsAboutAnOlderTokenAreIgnored() {
        loginValid();
        long version = state().path("token_version").asLong();
        long before = KiteLogin.profileCalls(sim.baseUrl());
        double stale = reports("stale");
        publishReport(version - 1);
        // the report arrived and was judged stale, so no check was scheduled for it...
        await().atMost(Duration.ofSeconds(15)).until(() -> reports("stale") >= stale + 1);
        // ...and no Kite call follows
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> KiteLogin.profileCalls(sim.baseUrl()) == before);
    }

    @Test
    void reportsStillArriveAfterRedisRestarts() {
        loginValid();
        long version = state().path("token_version").asLong();
        redisProcess.kill();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        assertEquals(503, Http.get(base() + "/q/health/ready").statusCode()));
        redisProcess.start();
        // re-subscribing backs off up to 5 s (auth.resubscribe-max)
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertEquals(200, Http.get(base() + "/q/health/ready").statusCode()));
        KiteLogin.expireAllTokens(sim.baseUrl());
        // the subscription was lost with the old connection; only a re-subscribed listener sees this. The check
        // may wait up to 5 s for the report interval of an earlier check.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
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
        // auth:state is rewritten every 2 s (%test.auth.snapshot-refresh-interval), the token with it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
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

    /** How many feed reports auth-service has handled with this action (verify, stale, ignored). */
    private double reports(String action) {
        return metrics.find("auth.feed.reports").tag("action", action).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private void publishReport(long version) {
        redis.pubsub(String.class)
                .publish(
                        "auth.reports",
                        "{\"type\":\"handshake_rejected\",\"source\":\"test-feed\","
                                + "\"token_version\":" + version + ",\"at\":\"" + OffsetDateTime.now()
                                + "\",\"http_status\":403,"
                                + "\"detail\":\"WebSocket handshake answered 403\"}");
    }
}
