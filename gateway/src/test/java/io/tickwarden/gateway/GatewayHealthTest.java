package io.tickwarden.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class GatewayHealthTest {

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @Test
    void probesAndMetricsAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", is("UP"));
        // Readiness waits for the Redis subscriptions, made asynchronously after start-up (and, if the other test
        // ran first, after its Redis restart).
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP")));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_"))
                .body(
                        containsString("gateway_ws_connections"),
                        containsString("gateway_ws_deliveries_total"),
                        containsString("gateway_ws_queue_depth"),
                        containsString("gateway_ws_coalesced_total"),
                        containsString("gateway_ws_closes_total{reason=\"slow_consumer\"}"),
                        containsString("gateway_tick_lag_seconds"));
    }

    @Test
    void readinessFollowsRedis() {
        // From ready to not ready: first ready (the subscriptions are made after start-up).
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        redis.kill();
        try {
            // The subscription ends with the connection (Redis commands time out after 3 s).
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            redis.start();
        }
        // Re-subscribe backoff is at most 5 s.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
