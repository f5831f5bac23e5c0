package io.tickwarden.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tickwarden.gateway.support.EventDrivenHealthProfile;
import io.tickwarden.gateway.support.Fixtures;
import io.tickwarden.gateway.support.GatewayReady;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each exchange segment keeps its own clock: at 20:00 IST NSE is CLOSED while MCX is LIVE. The segment snapshots
 * are written as session-service writes them and the change is announced on {@code market.session}; the periodic
 * re-read is off ({@link EventDrivenHealthProfile}), so what the client sees comes from the event. Every test writes
 * every key it relies on and waits for its whole picture, since the gateway keeps its state between tests.
 */
@QuarkusTest
@TestProfile(EventDrivenHealthProfile.class)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class SegmentSessionsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] SEGMENTS = {"NSE:CM", "NSE:FO", "NSE:CDS", "BSE:CM", "BSE:FO", "MCX:COM"};

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    @AfterEach
    void clear() {
        redis.command(
                "DEL", "market:session:NSE", "market:session:BSE", "market:session:MCX", "auth:state", "feed:state");
        for (String s : SEGMENTS) {
            redis.command("DEL", "market:session:" + s);
        }
    }

    /** 20:00 IST: every segment CLOSED but MCX, which is in {@code mcxPhase}; auth valid; feed as given. */
    private void evening(String mcxPhase, String feedState) {
        Instant now = Instant.now();
        for (String s : SEGMENTS) {
            String[] exSeg = s.split(":");
            boolean mcx = "MCX".equals(exSeg[0]);
            String phase = mcx ? mcxPhase : "CLOSED";
            String body = Fixtures.session(
                    exSeg[0],
                    exSeg[1],
                    phase,
                    "CLOSED".equals(phase) ? "PRE_OPEN" : "CLOSED",
                    mcx ? 9_000 : 46_800,
                    now);
            redis.command("SET", "market:session:" + s, body);
            if (!"FO".equals(exSeg[1]) && !"CDS".equals(exSeg[1])) {
                redis.command("SET", "market:session:" + exSeg[0], body);
            }
        }
        redis.command("SET", "auth:state", Fixtures.auth("VALID", now));
        boolean healthy = "CONNECTED".equals(feedState);
        redis.command(
                "SET",
                "feed:state",
                Fixtures.feedWithSegments(
                        feedState, healthy ? "WEBSOCKET" : "NONE", healthy, now, Map.of("NSE:CM", 2, "MCX:COM", 1)));
    }

    private static Optional<JsonNode> segment(JsonNode message, String id) {
        for (JsonNode s : message.path("segments")) {
            if (id.equals(s.path("segment").asText())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static boolean shows(JsonNode status, String id, String phase) {
        return segment(status, id)
                .map(s -> phase.equals(s.path("phase").asText()))
                .orElse(false);
    }

    @Test
    void anMcxPhaseChangeReachesTheClientsWithNseClosedAndNoAlarm() {
        GatewayReady.subscribed();
        evening("CLOSED", "CONNECTED");
        // Read only on events here: announce the writes until the gateway has read them (an event published before
        // the subscription would be lost, as with any pub/sub).
        await().atMost(WAIT).untilAsserted(() -> {
            redis.command(
                    "PUBLISH",
                    "market.session",
                    Fixtures.phaseChanged("NSE", "CM", "POST_CLOSE", "CLOSED", Instant.now()));
            given().get("/api/system/health")
                    .then()
                    .statusCode(200)
                    .body("segments.find { it.segment == 'MCX:COM' }.phase", is("CLOSED"))
                    .body("segments.find { it.segment == 'NSE:CM' }.phase", is("CLOSED"))
                    .body("auth.state", is("VALID"))
                    .body("feed.state", is("CONNECTED"));
        });
        try (WsClient c = WsClient.connect(base, "demo-key")) {
            await().atMost(WAIT).until(() -> !c.ofType("connection_status").isEmpty());
            JsonNode first = c.ofType("connection_status").get(0);
            assertEquals(6, first.path("segments").size(), first.toString());
            assertTrue(shows(first, "MCX:COM", "CLOSED"), first.toString());

            // MCX goes LIVE while NSE stays CLOSED (its evening session on a day NSE is shut): session-service
            // rewrites the key, then announces the change.
            Instant now = Instant.now();
            redis.command(
                    "SET", "market:session:MCX:COM", Fixtures.session("MCX", "COM", "LIVE", "CLOSED", 12_600, now));
            redis.command("SET", "market:session:MCX", Fixtures.session("MCX", "COM", "LIVE", "CLOSED", 12_600, now));
            redis.command("PUBLISH", "market.session", Fixtures.phaseChanged("MCX", "COM", "CLOSED", "LIVE", now));

            await().atMost(WAIT)
                    .until(() -> c.ofType("connection_status").stream().anyMatch(m -> shows(m, "MCX:COM", "LIVE")));
            JsonNode status = c.ofType("connection_status").stream()
                    .filter(m -> shows(m, "MCX:COM", "LIVE"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("MARKET_SESSION", status.path("priority_status").asText(), status.toString());
            assertEquals("CLOSED", status.path("market_status").asText(), status.toString());
            assertTrue(status.path("message").asText().startsWith("NSE closed; MCX LIVE"), status.toString());
            assertTrue(segment(status, "MCX:COM").orElseThrow().path("open").asBoolean(), status.toString());
            JsonNode nse = segment(status, "NSE:CM").orElseThrow();
            assertEquals("CLOSED", nse.path("phase").asText(), status.toString());
            assertEquals(false, nse.path("open").asBoolean(true), status.toString());
        }
        given().get("/api/system/health")
                .then()
                .statusCode(200)
                .body("priority_status", is("MARKET_SESSION"))
                .body("banner_colour", is("green"))
                .body("priority_message", containsString("NSE closed; MCX LIVE"))
                .body("market.phase", is("CLOSED"))
                .body("market.market_open", is(false))
                .body("segments.find { it.segment == 'MCX:COM' }.phase", is("LIVE"))
                .body("segments.find { it.segment == 'MCX:COM' }.open", is(true))
                .body("segments.find { it.segment == 'MCX:COM' }.snapshot_status", is("FRESH"))
                .body("segments.find { it.segment == 'NSE:CM' }.phase", is("CLOSED"))
                .body("segments.find { it.segment == 'NSE:CM' }.open", is(false));
    }

    @Test
    void aFeedDownWhileMcxTradesAndItsInstrumentsAreHeldIsAnAlarmAndMissingSegmentsAreUnknown() {
        GatewayReady.subscribed();
        evening("LIVE", "DISCONNECTED");
        redis.command("DEL", "market:session:BSE:FO");
        await().atMost(WAIT).untilAsserted(() -> {
            redis.command(
                    "PUBLISH", "market.session", Fixtures.phaseChanged("MCX", "COM", "CLOSED", "LIVE", Instant.now()));
            given().get("/api/system/health")
                    .then()
                    .statusCode(200)
                    .body("priority_status", is("FEED_DISCONNECTED"))
                    .body("banner_colour", is("amber"))
                    .body("priority_message", containsString("(MCX LIVE)"))
                    .body("segments.find { it.segment == 'BSE:FO' }.phase", is("UNKNOWN"))
                    .body("segments.find { it.segment == 'BSE:FO' }.open", nullValue())
                    .body("segments.find { it.segment == 'BSE:FO' }.snapshot_status", is("MISSING"));
        });
    }
}
