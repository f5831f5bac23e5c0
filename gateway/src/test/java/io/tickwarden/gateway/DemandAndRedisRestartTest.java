package io.tickwarden.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.gateway.support.Fixtures;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference-counted demand in feed-service's keys, and recovery after Redis restarts. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class DemandAndRedisRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "feed:demand:gw-test";

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    private String demand(String symbol) {
        return redis.command("HGET", KEY, symbol);
    }

    @Test
    void demandIsCountedPerSymbolAndReleasedOnUnsubscribeAndDisconnect() throws Exception {
        try (WsClient a = WsClient.connect(base, "demo-key"); WsClient b = WsClient.connect(base, "demo-key")) {
            a.subscribe("ltp", "NSE:INFY", "NSE:TCS");
            b.subscribe("full", "NSE:INFY");
            await().atMost(Duration.ofSeconds(5)).until(() -> demand("NSE:INFY") != null
                    && JSON.readTree(demand("NSE:INFY")).path("clients").asInt() == 2);
            assertEquals("full", JSON.readTree(demand("NSE:INFY")).get("mode").asText(), "highest mode wins");
            assertEquals("ltp", JSON.readTree(demand("NSE:TCS")).get("mode").asText());
            String score = redis.command("ZSCORE", "feed:demand:owners", "gw-test");
            assertNotNull(score);
            assertTrue(Double.parseDouble(score) > System.currentTimeMillis(), "owner entry valid into the future");

            b.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> JSON.readTree(demand("NSE:INFY")).path("clients").asInt() == 1);
            assertEquals("ltp", JSON.readTree(demand("NSE:INFY")).get("mode").asText());

            a.send("{\"action\":\"unsubscribe\",\"symbols\":[\"NSE:TCS\"]}");
            await().atMost(Duration.ofSeconds(5)).until(() -> demand("NSE:TCS") == null);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> demand("NSE:INFY") == null);
    }

    @Test
    void afterARedisRestartTicksFlowAgainAndDemandIsRewritten() {
        Fixtures.healthy(redis);
        try (WsClient c = WsClient.connect(base, "demo-key")) {
            c.subscribe("quote", "NSE:INFY");
            await().until(() -> !c.ofType("snapshot").isEmpty() && demand("NSE:INFY") != null);
            Fixtures.publish(redis, List.of(Fixtures.tick("NSE:INFY", 408065, 10, 1500)));
            await().until(() -> c.ticks().size() == 1);

            redis.restart(false); // data lost, subscriptions dropped
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    given().get("/q/health/ready").then().statusCode(200));
            // The demand comes back without any client action.
            await().atMost(Duration.ofSeconds(20)).until(() -> demand("NSE:INFY") != null);
            // And the tick subscription is live again: keep publishing until one arrives (a publish before the
            // re-subscribe is lost, as with any pub/sub).
            long[] seq = {11};
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Fixtures.publish(redis, List.of(Fixtures.tick("NSE:INFY", 408065, seq[0]++, 1501)));
                return c.ticks().size() >= 2;
            });
            assertEquals("NSE:INFY", c.ticks().get(1).get("symbol").asText());
            // The snapshots were re-read from the (empty) Redis: everything is MISSING now, not the old values.
            await().untilAsserted(() -> given().get("/api/system/health/feed").then().statusCode(200)
                    .body("snapshot_status", org.hamcrest.Matchers.is("MISSING")));
        }
    }
}
