package io.tickwarden.smartapisim.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

/**
 * Puts the sim into a known state before a test. Every {@code @QuarkusTest} class of this module shares one sim,
 * so sockets, faults, counters, the clock and the tick rate a previous test left behind would otherwise leak in.
 */
public final class SimControl {

    private SimControl() {}

    /**
     * Waits until the sim has let go of every socket of earlier tests, ends every session, then clears faults,
     * counters and the quote limiter, puts the clock back to real time and sets the tick rate.
     */
    public static void cleanStart(double ticksPerSecond) {
        awaitNoSockets();
        given().post("/sim/tokens/expire").then().statusCode(200);
        given().post("/sim/reset").then().statusCode(200);
        given().contentType("application/json")
                .body("{\"offset_seconds\":0}")
                .post("/sim/clock")
                .then()
                .statusCode(200);
        rate(ticksPerSecond);
    }

    public static void rate(double ticksPerSecond) {
        given().contentType("application/json")
                .body("{\"ticks_per_second\": " + ticksPerSecond + "}")
                .post("/sim/rate")
                .then()
                .statusCode(200);
    }

    public static void awaitNoSockets() {
        await("stream sockets of earlier tests to close")
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> given().get("/sim/stats")
                        .then()
                        .statusCode(200)
                        .body("ws_connections_open", equalTo(0))
                        .body("sockets.size()", equalTo(0)));
    }

    public static void fault(String json) {
        given().contentType("application/json")
                .body(json)
                .post("/sim/faults")
                .then()
                .statusCode(200);
    }
}
