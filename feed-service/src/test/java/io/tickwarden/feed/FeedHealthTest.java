package io.tickwarden.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Probes, metrics, and the HTTP edge (admin key, the one error body). */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class FeedHealthTest {

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @Test
    void probesAndMetricsAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", is("UP"));
        // Readiness includes the Redis subscriptions, which come up just after the app reports started.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP")));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_"))
                .body(containsString("feed_state{state=\"IDLE\"}"));
    }

    @Test
    void theReconnectTakesTheAdminKeyInEitherHeaderForm() {
        assertOneShape(
                given().post("/api/feed/reconnect").then().statusCode(401).header("WWW-Authenticate", "Bearer"),
                "unauthorized");
        assertOneShape(
                given().header("Authorization", "Bearer test-admin-keyX")
                        .post("/api/feed/reconnect")
                        .then()
                        .statusCode(401),
                "unauthorized");
        assertOneShape(
                given().header("X-Admin-Key", "test-admin-ke")
                        .post("/api/feed/reconnect")
                        .then()
                        .statusCode(401),
                "unauthorized");
        // accepted: 202 on the leader, 409 on a standby; never 401
        for (String[] header :
                new String[][] {{"Authorization", "bearer test-admin-key"}, {"X-Admin-Key", "test-admin-key"}}) {
            int status = given().header(header[0], header[1])
                    .post("/api/feed/reconnect")
                    .then()
                    .extract()
                    .statusCode();
            assertTrue(status == 202 || status == 409, header[0] + " answered " + status);
        }
    }

    @Test
    void everyErrorHasTheOneShape() {
        assertOneShape(given().get("/api/feed/nothing-here").then().statusCode(404), "not_found");
        assertOneShape(given().get("/api/feed/reconnect").then().statusCode(405), "method_not_allowed");
    }

    /** http-edge's body: exactly {"error": code, "message": a sentence}. */
    private static void assertOneShape(ValidatableResponse response, String code) {
        Map<String, Object> body =
                response.contentType(ContentType.JSON).extract().jsonPath().getMap("$");
        assertEquals(Set.of("error", "message"), body.keySet(), body.toString());
        assertEquals(code, body.get("error"), body.toString());
        assertFalse(body.get("message").toString().isBlank(), body.toString());
    }

    @Test
    void readinessFollowsRedis() {
        redis.kill();
        try {
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            redis.start();
        }
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
