package io.tickwarden.session.redis;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Under the accelerated clock a real Redis SUBSCRIBE client sees each NSE CM phase_changed of the morning, in
 * order, at its transition; and the snapshot key is the JSON of GET /api/session.
 */
@QuarkusTest
@TestProfile(SimulatedClockProfile.class)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class SessionPublisherTest {

    record Received(JsonNode event, Instant simulatedAt) {}

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @Inject
    RedisDataSource redisDataSource;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Test
    void everyTransitionIsPublishedInOrderAtItsTime() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        PubSubCommands.RedisSubscriber subscriber = redisDataSource
                .pubsub(String.class)
                .subscribe("market.session", msg -> {
                    try {
                        received.add(new Received(json.readTree(msg), clock.instant()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        try {
            assertTrue(
                    clock.instant()
                            .isBefore(OffsetDateTime.parse("2026-01-16T09:00:00+05:30")
                                    .toInstant()),
                    "the test must subscribe before 09:00 simulated; it started at " + clock.instant());
            // 09:15 comes 30 s of wall time after the clock started.
            await().atMost(Duration.ofSeconds(120)).until(() -> nseCm(received).size() >= 3);

            List<Received> cm = nseCm(received);
            assertEquals(
                    List.of("CLOSED>PRE_OPEN", "PRE_OPEN>AUCTION_FREEZE", "AUCTION_FREEZE>LIVE"),
                    cm.stream()
                            .map(r -> r.event().get("from").asText() + ">"
                                    + r.event().get("to").asText())
                            .toList());
            assertEquals(
                    List.of("2026-01-16T09:00:00+05:30", "2026-01-16T09:08:00+05:30", "2026-01-16T09:15:00+05:30"),
                    cm.stream().map(r -> r.event().get("at").asText()).toList());
            for (Received r : cm) {
                Instant at = OffsetDateTime.parse(r.event().get("at").asText()).toInstant();
                // Published at the transition: not before it, and not as late as the next one (7 minutes later): within
                // 5 simulated minutes (5 s of wall time; milliseconds on an idle machine).
                assertTrue(!r.simulatedAt().isBefore(at), "early: " + r);
                assertTrue(r.simulatedAt().isBefore(at.plusSeconds(300)), "late: " + r);
                assertEquals("phase_changed", r.event().get("type").asText());
            }
            assertEquals("LIVE", cm.get(1).event().get("next_phase").asText());
            assertEquals(
                    "2026-01-16T09:15:00+05:30",
                    cm.get(1).event().get("next_change_at").asText());
            // The other segments are published too, e.g. F&O's pre-open and CDS opening at 09:00.
            assertTrue(received.stream()
                    .anyMatch(r -> r.event().get("segment").asText().equals("FO")
                            && r.event().get("to").asText().equals("PRE_OPEN")));
            assertTrue(received.stream()
                    .anyMatch(r -> r.event().get("segment").asText().equals("CDS")
                            && r.event().get("to").asText().equals("LIVE")));
        } finally {
            subscriber.unsubscribe();
        }

        // The snapshot key is GET /api/session (minus the fields that depend on when each was computed). The key is
        // written at every transition and every snapshot interval (15 s).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String api =
                    given().get("/api/session").then().statusCode(200).extract().asString();
            assertEquals(stable(api), stable(redis.command("GET", "market:session:NSE")));
            assertEquals(stable(api), stable(redis.command("GET", "market:session:NSE:CM")));
        });
        given().get("/api/session")
                .then()
                .statusCode(200)
                .body("phase", org.hamcrest.Matchers.is("LIVE"))
                .body("clock_simulated", org.hamcrest.Matchers.is(true));
    }

    private static List<Received> nseCm(List<Received> all) {
        return all.stream()
                .filter(r -> r.event().get("exchange").asText().equals("NSE")
                        && r.event().get("segment").asText().equals("CM"))
                .toList();
    }

    private JsonNode stable(String text) throws Exception {
        ObjectNode node = (ObjectNode) json.readTree(text);
        node.remove("seconds_to_next_phase");
        node.remove("as_of");
        return node;
    }
}
