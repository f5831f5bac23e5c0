package io.tickwarden.auth;

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
class AuthHealthTest {

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @Test
    void probesAndMetricsAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", is("UP"));
        // ready once the start-up restore (a background task) ran and auth.reports is subscribed: the app may
        // have started just now
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP")));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    @Test
    void openApiDescribesTheContractEndpoints() {
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        containsString("/api/auth/login"),
                        containsString("/api/auth/callback"),
                        containsString("/api/auth/state"),
                        containsString("/api/auth/verify"),
                        containsString("/api/auth/token"));
    }

    @Test
    void withoutATokenTheStateIsRequired() {
        given().get("/api/auth/state")
                .then()
                .statusCode(200)
                .body(
                        "state",
                        is("REQUIRED"),
                        "is_valid",
                        is(false),
                        "requires_login",
                        is(true),
                        "reason",
                        is("NO_TOKEN"),
                        "login_url",
                        containsString("/api/auth/login"));
        given().post("/api/auth/verify").then().statusCode(200).body("state", is("REQUIRED"));
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
        // re-subscribing to auth.reports backs off up to 5 s (auth.resubscribe-max)
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
