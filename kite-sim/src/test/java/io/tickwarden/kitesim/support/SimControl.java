package io.tickwarden.kitesim.support;

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
     * Waits until the sim has let go of every ticker socket of earlier tests (a client abort reaches the server
     * asynchronously), then clears faults, counters and the quote limiter, puts the clock back to real time and
     * sets the tick rate.
     */
    public static void cleanStart(double ticksPerSecond) {
        awaitNoSockets();
        given().post("/sim/reset").then().statusCode(200);
        given().contentType("application/json")
                .body("{\"offset_seconds\":0}")
                .post("/sim/clock")
                .then()
                .statusCode(200);
        given().contentType("application/json")
                .body("{\"ticks_per_second\": " + ticksPerSecond + "}")
                .post("/sim/rate")
                .then()
                .statusCode(200);
    }

    /** Socket limits, {@code sockets_cut}, {@code subscribed_tokens} and {@code sockets[0]} count every socket. */
    public static void awaitNoSockets() {
        await("ticker sockets of earlier tests to close")
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> given().get("/sim/stats")
                        .then()
                        .statusCode(200)
                        .body("ws_connections_open", equalTo(0))
                        .body("sockets.size()", equalTo(0)));
    }
}
