package io.tickwarden.session;

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
class SessionHealthTest {

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @Test
    void probesAndMetricsAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", is("UP"));
        // Ready once the publisher's first run (on its own thread, after start-up) has read the overrides.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP")));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_"))
                .body(containsString("session_phase{exchange=\"NSE\",phase=\"LIVE\",segment=\"CM\"}"))
                .body(containsString("session_seconds_to_next_phase{exchange=\"MCX\",segment=\"COM\"}"));
    }

    @Test
    void readinessFollowsRedis() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        redis.kill();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            redis.start();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
