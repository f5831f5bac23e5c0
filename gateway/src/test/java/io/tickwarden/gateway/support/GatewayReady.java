package io.tickwarden.gateway.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

/**
 * Waits for what a test needs from a freshly started gateway instead of assuming it is there: the Redis
 * subscriptions are made asynchronously after start-up (a tick published before them is lost, as with any pub/sub),
 * and the first read of the snapshot keys comes a moment later.
 */
public final class GatewayReady {

    /** Start-up work that takes milliseconds on an idle machine; generous for a loaded one. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private GatewayReady() {}

    /** Readiness UP: the gateway is subscribed to feed.ticks and the change channels. */
    public static void subscribed() {
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    /** Subscribed, and the snapshot keys have been read at least once (so the first status change is behind us). */
    public static void subscribedAndSnapshotsRead() {
        subscribed();
        await().atMost(WAIT)
                .untilAsserted(() ->
                        given().get("/api/system/health").then().statusCode(200).body("services.redis.up", is(true)));
    }
}
