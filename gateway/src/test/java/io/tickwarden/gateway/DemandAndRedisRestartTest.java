package io.tickwarden.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.gateway.support.Fixtures;
import io.tickwarden.gateway.support.GatewayReady;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reference-counted demand in feed-service's keys, and recovery after Redis restarts. The two tests use different
 * symbols: a client of one test is released (debounced) after that test ends, and must not count in the other.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class DemandAndRedisRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "feed:demand:gw-test";
    /**
     * Demand writes are debounced by 50 ms, and the whole hash is rewritten every 5 s (demand refresh), which also
     * repairs any write that went missing: 3 refresh periods and more.
     */
    private static final Duration DEMAND_WAIT = Duration.ofSeconds(20);
    /** Back after a Redis restart: re-subscribe backoff up to 5 s, then the demand refresh (5 s). */
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(30);

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    private String demand(String symbol) {
        return redis.command("HGET", KEY, symbol);
    }

    @Test
    void demandIsCountedPerSymbolAndReleasedOnUnsubscribeAndDisconnect() throws Exception {
        try (WsClient a = WsClient.connect(base, "demo-key");
                WsClient b = WsClient.connect(base, "demo-key")) {
            a.subscribe("ltp", "NSE:INFY", "NSE:TCS");
            b.subscribe("full", "NSE:INFY");
            await().atMost(DEMAND_WAIT)
                    .until(() -> demand("NSE:INFY") != null
                            && JSON.readTree(demand("NSE:INFY")).path("clients").asInt() == 2);
            assertEquals("full", JSON.readTree(demand("NSE:INFY")).get("mode").asText(), "highest mode wins");
            assertEquals("ltp", JSON.readTree(demand("NSE:TCS")).get("mode").asText());
            String score = redis.command("ZSCORE", "feed:demand:owners", "gw-test");
            assertNotNull(score);
            assertTrue(Double.parseDouble(score) > System.currentTimeMillis(), "owner entry valid into the future");

            b.close();
            await().atMost(DEMAND_WAIT)
                    .until(() ->
                            JSON.readTree(demand("NSE:INFY")).path("clients").asInt() == 1);
            assertEquals("ltp", JSON.readTree(demand("NSE:INFY")).get("mode").asText());

            a.send("{\"action\":\"unsubscribe\",\"symbols\":[\"NSE:TCS\"]}");
            await().atMost(DEMAND_WAIT).until(() -> demand("NSE:TCS") == null);
        }
        await().atMost(DEMAND_WAIT).until(() -> demand("NSE:INFY") == null);
    }

    @Test
    void afterARedisRestartTicksFlowAgainAndDemandIsRewritten() {
        Fixtures.healthy(redis);
        GatewayReady.subscribed();
        try (WsClient c = WsClient.connect(base, "demo-key")) {
            c.subscribe("quote", "NSE:RELIANCE");
            await().atMost(DEMAND_WAIT).until(() -> !c.ofType("snapshot").isEmpty() && demand("NSE:RELIANCE") != null);
            Fixtures.publish(redis, List.of(Fixtures.tick("NSE:RELIANCE", 738561, 10, 1500)));
            await().atMost(DEMAND_WAIT).until(() -> c.ticks().size() == 1);
            // The fixture was read (FRESH, or STALE once 5 s old): MISSING below is news.
            await().atMost(DEMAND_WAIT)
                    .untilAsserted(() -> given().get("/api/system/health/feed")
                            .then()
                            .statusCode(200)
                            .body("snapshot_status", org.hamcrest.Matchers.not("MISSING")));

            redis.restart(false); // data lost, subscriptions dropped
            await().atMost(RECOVERY_WAIT)
                    .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
            // The demand comes back without any client action.
            await().atMost(RECOVERY_WAIT).until(() -> demand("NSE:RELIANCE") != null);
            // And the tick subscription is live again: keep publishing until one arrives (a publish before the
            // re-subscribe is lost, as with any pub/sub).
            long[] seq = {11};
            await().atMost(RECOVERY_WAIT).until(() -> {
                Fixtures.publish(redis, List.of(Fixtures.tick("NSE:RELIANCE", 738561, seq[0]++, 1501)));
                return c.ticks().size() >= 2;
            });
            assertEquals("NSE:RELIANCE", c.ticks().get(1).get("symbol").asText());
            // The snapshots were re-read from the (empty) Redis: everything is MISSING now, not the old values.
            await().atMost(RECOVERY_WAIT)
                    .untilAsserted(() -> given().get("/api/system/health/feed")
                            .then()
                            .statusCode(200)
                            .body("snapshot_status", org.hamcrest.Matchers.is("MISSING")));
        }
    }
}
