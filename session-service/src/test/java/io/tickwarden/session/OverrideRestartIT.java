package io.tickwarden.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisServerProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: an ad hoc closure posted now flips NSE to CLOSED with reason OVERRIDE: ... and survives a restart
 * of the packaged service (a real process, real Redis).
 */
class OverrideRestartIT {

    @Test
    void adHocClosureSurvivesARestart() {
        try (RedisServerProcess redis = RedisServerProcess.startOnFreePort();
                QuarkusAppProcess app = QuarkusAppProcess.start(
                        "session-service",
                        Map.of("quarkus.redis.hosts", redis.url(), "session.admin-api-key", "it-admin-key"))) {
            String id = given().baseUri(app.baseUrl())
                    .header("Authorization", "Bearer it-admin-key")
                    .contentType(ContentType.JSON)
                    .body("{\"type\":\"CLOSURE\",\"exchange\":\"NSE\",\"reason\":\"Ad hoc closure (test)\"}")
                    .post("/api/session/overrides")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            given().baseUri(app.baseUrl())
                    .get("/api/session")
                    .then()
                    .statusCode(200)
                    .body("phase", is("CLOSED"))
                    .body("reason", is("OVERRIDE: Ad hoc closure (test)"));

            app.stop();
            app.start();

            given().baseUri(app.baseUrl())
                    .get("/api/session")
                    .then()
                    .statusCode(200)
                    .body("phase", is("CLOSED"))
                    .body("reason", is("OVERRIDE: Ad hoc closure (test)"));
            given().baseUri(app.baseUrl())
                    .get("/api/session/overrides")
                    .then()
                    .statusCode(200)
                    .body("id", hasItem(id));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertTrue(
                            redis.command("GET", "market:session:NSE").contains("OVERRIDE: Ad hoc closure (test)")));
        }
    }
}
