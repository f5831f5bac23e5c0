package io.tickwarden.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tickwarden.gateway.support.FakeAuthService;
import io.tickwarden.gateway.support.Fixtures;
import io.tickwarden.gateway.support.GatewayReady;
import io.tickwarden.gateway.support.LongStaleAfterProfile;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Priority status and staleness from snapshot keys written as the services write them. The gateway keeps its state
 * between tests (it re-reads the keys every second), so each test waits for the whole picture it expects, not for a
 * priority that the previous test may have left. Fixtures written "now" stay fresh for the whole test
 * ({@link LongStaleAfterProfile}); stale ones are written 10 minutes old.
 */
@QuarkusTest
@TestProfile(LongStaleAfterProfile.class)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeAuthService.class, restrictToAnnotatedClass = true)
class SystemHealthTest {

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    @AfterEach
    void clear() {
        redis.command("DEL", "market:session:NSE", "auth:state", "feed:state", "feed:quotes");
    }

    /** Health is re-read every second (poll-interval 1s in tests) and on every change event. */
    private static final Duration HEALTH_WAIT = Duration.ofSeconds(15);

    private static void awaitPriority(String status) {
        await().atMost(HEALTH_WAIT)
                .untilAsserted(() ->
                        given().get("/api/system/health").then().statusCode(200).body("priority_status", is(status)));
    }

    @Test
    void healthyLiveMarketIsMarketSession() {
        Fixtures.healthy(redis);
        await().atMost(HEALTH_WAIT)
                .untilAsserted(() -> given().get("/api/system/health")
                        .then()
                        .statusCode(200)
                        .body("priority_status", is("MARKET_SESSION"))
                        .body("market.phase", is("LIVE"))
                        .body("market.snapshot_status", is("FRESH"))
                        .body("auth.state", is("VALID"))
                        .body("auth.login_url", is("http://auth.example:8082/api/auth/login"))
                        .body("feed.state", is("CONNECTED"))
                        .body("feed.is_healthy", is(true))
                        .body("priority_message", containsString("Market open"))
                        .body("services.redis.up", is(true))
                        .body("timestamp", containsString("+05:30")));
        given().get("/api/system/health/market")
                .then()
                .statusCode(200)
                .body("phase", is("LIVE"))
                .body("seconds_to_next_phase_now", not(nullValue()));
        given().get("/api/system/health/auth").then().statusCode(200).body("state", is("VALID"));
        given().get("/api/system/health/feed").then().statusCode(200).body("state", is("CONNECTED"));
    }

    @Test
    void deadServicesShowWithinAProbeIntervalNotOnlyWhenTheirSnapshotGoesStale() {
        Fixtures.healthy(redis);
        awaitPriority("MARKET_SESSION");
        // auth-service (the fake) is ready; session- and feed-service point where nothing listens.
        await().atMost(HEALTH_WAIT)
                .untilAsserted(() -> given().get("/api/system/health")
                        .then()
                        .body("services.auth_service.up", is(true))
                        .body("services.auth_service.instances[0].http_status", is(200))
                        .body("services.session_service.up", is(false))
                        .body("services.session_service.instances[0].problem", containsString("refused"))
                        .body("services.feed_service.up", is(false))
                        .body("services.down.size()", is(2))
                        .body("priority_message", containsString("not responding: session-service")));
        try {
            FakeAuthService.READY.set(false);
            // The snapshots are fresh, so only the probe (every 1 s, timeout 2 s) can show this.
            await().atMost(HEALTH_WAIT)
                    .untilAsserted(() -> given().get("/api/system/health")
                            .then()
                            .body("priority_status", is("MARKET_SESSION"))
                            .body("auth.snapshot_status", is("FRESH"))
                            .body("services.auth_service.up", is(false))
                            .body("services.auth_service.instances[0].http_status", is(503))
                            .body("services.auth_service.instances[0]", hasKey("down_since"))
                            .body("priority_message", containsString("auth-service")));
            given().get("/q/metrics").then().body(containsString("gateway_service_up{service=\"auth_service\""));
        } finally {
            FakeAuthService.READY.set(true);
        }
        await().atMost(HEALTH_WAIT)
                .untilAsserted(
                        () -> given().get("/api/system/health").then().body("services.auth_service.up", is(true)));
    }

    @Test
    void theGatewaysOwnDataAgeIsReported() {
        Fixtures.healthy(redis);
        GatewayReady.subscribed();
        // The age counts from the last tick the gateway read: keep ticking (as feed-service does) until it shows.
        // Its bound only says "recent", far above the 100 ms between two ticks here.
        long[] seq = {0};
        await().atMost(HEALTH_WAIT).untilAsserted(() -> {
            Fixtures.publish(redis, java.util.List.of(Fixtures.tick("NSE:INFY", 408065, ++seq[0], 1500.5)));
            given().get("/api/system/health/feed").then().body("gateway_last_tick_seconds_ago", lessThan(10f));
        });
    }

    @Test
    void expiredTokenIsAuthRequiredEvenWhenTheFeedIsDown() {
        Instant now = Instant.now();
        redis.command("SET", "market:session:NSE", Fixtures.session("LIVE", "CLOSING_AUCTION", 3600, now));
        redis.command("SET", "auth:state", Fixtures.auth("EXPIRED", now));
        redis.command("SET", "feed:state", Fixtures.feed("AUTH_BLOCKED", "NONE", false, now));
        await().atMost(HEALTH_WAIT)
                .untilAsserted(() -> given().get("/api/system/health")
                        .then()
                        .statusCode(200)
                        .body("priority_status", is("AUTH_REQUIRED"))
                        .body("banner_colour", is("red"))
                        .body("priority_message", containsString("login required"))
                        .body("auth.auth_required", is(true)));
    }

    @Test
    void feedDownInLiveMarketIsFeedDisconnectedButNotWhenClosed() {
        Instant now = Instant.now();
        redis.command("SET", "auth:state", Fixtures.auth("VALID", now));
        redis.command("SET", "feed:state", Fixtures.feed("DISCONNECTED", "NONE", false, now));
        redis.command("SET", "market:session:NSE", Fixtures.session("LIVE", "CLOSING_AUCTION", 3600, now));
        await().atMost(HEALTH_WAIT)
                .untilAsserted(() -> given().get("/api/system/health")
                        .then()
                        .statusCode(200)
                        .body("priority_status", is("FEED_DISCONNECTED"))
                        .body("banner_colour", is("amber"))
                        .body("priority_message", containsString("Reconnecting")));
        // The same feed outage after the close is not an alarm.
        redis.command("SET", "market:session:NSE", Fixtures.session("CLOSED", "PRE_OPEN", 50_000, now));
        await().atMost(HEALTH_WAIT)
                .untilAsserted(() -> given().get("/api/system/health")
                        .then()
                        .statusCode(200)
                        .body("priority_status", is("MARKET_SESSION"))
                        .body("market.phase", is("CLOSED"))
                        .body("feed.state", is("DISCONNECTED")));
        // REST fallback with fresh data counts as data (waiting for the LIVE phase and the fallback themselves:
        // the priority was MARKET_SESSION already).
        redis.command("SET", "market:session:NSE", Fixtures.session("LIVE", "CLOSING_AUCTION", 3600, now));
        redis.command("SET", "feed:state", Fixtures.feed("CONNECTED", "REST_POLLING", true, now));
        await().atMost(HEALTH_WAIT)
                .untilAsserted(() -> given().get("/api/system/health")
                        .then()
                        .statusCode(200)
                        .body("priority_status", is("MARKET_SESSION"))
                        .body("market.phase", is("LIVE"))
                        .body("feed.mode", is("REST_POLLING")));
    }

    @Test
    void staleSnapshotsAreNeverHealthy() {
        Instant old = Instant.now().minusSeconds(600);
        Instant now = Instant.now();
        redis.command("SET", "market:session:NSE", Fixtures.session("LIVE", "CLOSING_AUCTION", 3600, now));
        redis.command("SET", "auth:state", Fixtures.auth("VALID", now));
        // feed-service died ten minutes ago while healthy: its last word must not count.
        redis.command("SET", "feed:state", Fixtures.feed("CONNECTED", "WEBSOCKET", true, old));
        await().atMost(HEALTH_WAIT)
                .untilAsserted(
                        () -> given().get("/api/system/health/feed").then().body("snapshot_status", is("STALE")));
        awaitPriority("FEED_DISCONNECTED");
        given().get("/api/system/health/feed")
                .then()
                .body("snapshot_status", is("STALE"))
                .body("state", is("UNKNOWN"))
                .body("is_healthy", is(false))
                .body("last_known.state", is("CONNECTED"));
        // A stale auth snapshot reads UNKNOWN, not VALID.
        redis.command("SET", "auth:state", Fixtures.auth("VALID", old));
        await().atMost(HEALTH_WAIT)
                .untilAsserted(() -> given().get("/api/system/health/auth")
                        .then()
                        .body("snapshot_status", is("STALE"))
                        .body("state", is("UNKNOWN"))
                        .body("$", hasKey("last_known")));
        // Missing keys are reported MISSING.
        redis.command("DEL", "auth:state");
        await().atMost(HEALTH_WAIT)
                .untilAsserted(() -> given().get("/api/system/health/auth")
                        .then()
                        .body("snapshot_status", is("MISSING"))
                        .body("state", is("UNKNOWN")));
    }

    @Test
    void clientsAreToldOfEveryChangeAndGetHeartbeats() {
        Fixtures.healthy(redis);
        GatewayReady.subscribed();
        // The whole healthy picture, not only the priority the previous test may have left.
        await().atMost(HEALTH_WAIT)
                .untilAsserted(() -> given().get("/api/system/health")
                        .then()
                        .statusCode(200)
                        .body("priority_status", is("MARKET_SESSION"))
                        .body("market.phase", is("LIVE"))
                        .body("auth.state", is("VALID"))
                        .body("feed.state", is("CONNECTED"))
                        .body("feed.mode", is("WEBSOCKET")));
        try (WsClient c = WsClient.connect(base, "demo-key")) {
            await().atMost(HEALTH_WAIT)
                    .until(() -> !c.ofType("connection_status").isEmpty());
            assertEquals(
                    "MARKET_SESSION",
                    c.ofType("connection_status").get(0).get("priority_status").asText());
            assertEquals(
                    "LIVE",
                    c.ofType("connection_status").get(0).get("market_status").asText());
            Instant now = Instant.now();
            redis.command("SET", "auth:state", Fixtures.auth("EXPIRED", now));
            redis.command(
                    "PUBLISH", "auth.state", "{\"type\":\"auth_state_changed\",\"from\":\"VALID\",\"to\":\"EXPIRED\"}");
            await().atMost(HEALTH_WAIT)
                    .until(() ->
                            c.has(m -> "connection_status".equals(m.path("type").asText())
                                    && m.path("auth_required").asBoolean()));
            // Heartbeat every 1 s in tests.
            await().atMost(HEALTH_WAIT).until(() -> !c.ofType("heartbeat").isEmpty());
            var hb = c.ofType("heartbeat").get(0);
            assertTrue(hb.has("marketStatus") && hb.has("connectionHealth") && hb.has("connections"), hb.toString());
            assertEquals("CONNECTED", hb.get("connectionHealth").get("state").asText());
            assertTrue(hb.get("connectionHealth").has("using_rest_fallback"));
        }
    }

    @Test
    void verifyIsProxiedToAuthService() {
        int before = FakeAuthService.VERIFY_CALLS.get();
        given().post("/api/system/health/auth/verify").then().statusCode(200).body("state", equalTo("VALID"));
        assertEquals(before + 1, FakeAuthService.VERIFY_CALLS.get());
    }

    @Test
    void aRefusalFromAuthServiceIsPassedThroughNotTurnedInto502() {
        // the REST Client must hand a 5xx back as an answer, status and body unchanged
        FakeAuthService.VERIFY_STATUS.set(503);
        try {
            given().post("/api/system/health/auth/verify")
                    .then()
                    .statusCode(503)
                    .body("error", equalTo("broker_unreachable"))
                    .body("message", equalTo("retry later"));
        } finally {
            FakeAuthService.VERIFY_STATUS.set(200);
        }
    }

    @Test
    void quotesComeFromFeedQuotes() {
        redis.command("HSET", "feed:quotes", "NSE:INFY", Fixtures.tick("NSE:INFY", 408065, 7, 1500.5));
        given().get("/api/quotes?symbols=NSE:INFY,NSE:TCS,bad")
                .then()
                .statusCode(200)
                .body("quotes.'NSE:INFY'.last_price", is(1500.5f))
                .body("quotes.'NSE:INFY'.seq", is(7))
                .body("missing[0]", is("NSE:TCS"))
                .body("rejected[0].reason", is("invalid_symbol"));
        given().get("/api/quotes").then().statusCode(400).body("error", is("bad_request"));
    }
}
