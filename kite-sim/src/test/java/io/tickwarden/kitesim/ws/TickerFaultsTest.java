package io.tickwarden.kitesim.ws;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tickwarden.kitesim.support.SimControl;
import io.tickwarden.kitesim.support.SimLogin;
import io.tickwarden.kitesim.support.TickerClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every ticker fault and limit, observed from a raw WebSocket client. Ticks run at 5/s here to keep it quick;
 * heartbeats come every 1 s (SimConfig). Waits for something that does happen are generous (10 s and more) since
 * they end as soon as it happens; fault durations are at least three times what a test watches inside them.
 */
@QuarkusTest
public class TickerFaultsTest {

    private static final String INFY = "408065";

    private final List<TickerClient> clients = new ArrayList<>();
    private String accessToken;

    @BeforeEach
    void setUp() {
        SimControl.cleanStart(5);
        given().post("/sim/tokens/expire").then().statusCode(200);
        accessToken = SimLogin.accessToken();
    }

    @AfterEach
    void tearDown() {
        clients.forEach(TickerClient::close);
        given().post("/sim/reset");
        given().contentType("application/json")
                .body("{\"ticks_per_second\": 1}")
                .post("/sim/rate");
    }

    @Test
    void dropCutsSocketsWithoutACloseFrame() {
        TickerClient client = subscribedClient();
        given().contentType("application/json")
                .body("{\"kind\":\"drop\"}")
                .post("/sim/faults")
                .then()
                .statusCode(200)
                .body("sockets_cut", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.error.get() != null);
        assertEquals(-1, client.closeCode.get(), "no close frame may arrive on a drop");
        given().get("/sim/stats").then().body("ws_connections_open", equalTo(0));
    }

    @Test
    void aTargetedDropCutsOnlyThatSocket() {
        TickerClient first = subscribedClient();
        List<Long> before = socketIds();
        TickerClient second = subscribedClient();
        long secondId = socketIds().stream()
                .filter(id -> !before.contains(id))
                .findFirst()
                .orElseThrow();
        given().contentType("application/json")
                .body("{\"kind\":\"drop\",\"socket_id\":" + secondId + "}")
                .post("/sim/faults")
                .then()
                .statusCode(200)
                .body("sockets_cut", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> second.error.get() != null);
        assertEquals(-1, second.closeCode.get(), "no close frame may arrive on a drop");
        long ticks = first.tickFrames();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.tickFrames() >= ticks + 2);
        assertEquals(List.of(before.get(0)), socketIds(), "the other socket stays open");

        // Nothing is cut on a bad request: an id that is not open, or a duration (which only a drop of all takes).
        given().contentType("application/json")
                .body("{\"kind\":\"drop\",\"socket_id\":" + secondId + "}")
                .post("/sim/faults")
                .then()
                .statusCode(400);
        given().contentType("application/json")
                .body("{\"kind\":\"drop\",\"socket_id\":" + before.get(0) + ",\"duration_ms\":1000}")
                .post("/sim/faults")
                .then()
                .statusCode(400);
        assertEquals(List.of(before.get(0)), socketIds());
    }

    @Test
    void dropWithDurationRefusesHandshakesUntilItEnds() {
        // 3 s of "network down": the handshake right below takes milliseconds, so it surely falls inside.
        given().contentType("application/json")
                .body("{\"kind\":\"drop\",\"duration_ms\":3000}")
                .post("/sim/faults")
                .then()
                .statusCode(200);
        assertEquals(
                -1,
                TickerClient.handshakeStatus(port(), SimLogin.API_KEY, accessToken),
                "a handshake during the drop dies without an HTTP answer");
        // The drop ends by itself after 3 s; a socket opened then gets a heartbeat within 1 s.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> connectsOk());
    }

    @Test
    void silenceKeepsHeartbeatsButSendsNoTicks() {
        TickerClient client = subscribedClient();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.tickFrames() >= 2);
        // 6 s: three times the ~2 s that the two heartbeats watched below take, so the fault cannot end meanwhile.
        given().contentType("application/json")
                .body("{\"kind\":\"silence\",\"duration_ms\":6000}")
                .post("/sim/faults")
                .then()
                .statusCode(200);
        client.sync(); // every frame sent before the fault began is in
        long ticksAtStart = client.tickFrames();
        long heartbeatsAtStart = client.heartbeats();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.heartbeats() >= heartbeatsAtStart + 2);
        // A market step already under way when the fault began may still deliver its frame.
        assertTrue(client.tickFrames() <= ticksAtStart + 1, "ticks kept flowing during silence");
        // The fault ends by itself (6 s after it began); ticks come back at 5/s.
        await().atMost(Duration.ofSeconds(20)).until(() -> client.tickFrames() >= ticksAtStart + 3);
        assertFalse(client.isDead());
    }

    @Test
    void noHeartbeatSendsNothingAtAllButStillPongs() {
        TickerClient client = subscribedClient();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.heartbeats() >= 1);
        given().contentType("application/json")
                .body("{\"kind\":\"no_heartbeat\"}")
                .post("/sim/faults")
                .then()
                .statusCode(200);
        // Every frame sent before the fault began is in; from here expect total silence for two heartbeat
        // intervals (and some ten tick steps). The fault lasts until cleared, so nothing ends the window early.
        client.sync();
        int framesAtStart = client.binaryFrames.size();
        await().during(Duration.ofMillis(2200))
                .atMost(Duration.ofSeconds(10))
                .until(() -> client.binaryFrames.size() == framesAtStart);
        int pongs = client.pongs.get();
        client.ping();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.pongs.get() > pongs);
        given().delete("/sim/faults/no_heartbeat").then().statusCode(200).body("cleared", equalTo(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.binaryFrames.size() > framesAtStart);
    }

    @Test
    void noPongStopsAnsweringPings() {
        TickerClient client = subscribedClient();
        client.ping();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.pongs.get() == 1);
        given().contentType("application/json")
                .body("{\"kind\":\"no_pong\"}")
                .post("/sim/faults")
                .then()
                .statusCode(200);
        client.ping();
        client.ping();
        // A pong would come back within milliseconds; the fault lasts until cleared.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10)).until(() -> client.pongs.get() == 1);
        long heartbeats = client.heartbeats();
        await("a heartbeat: the socket itself stays up")
                .atMost(Duration.ofSeconds(10))
                .until(() -> client.heartbeats() > heartbeats);
        assertFalse(client.isDead(), "the socket itself stays up");
        given().delete("/sim/faults/no_pong").then().statusCode(200);
        client.ping();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.pongs.get() == 2);
    }

    @Test
    void reject403And500FailHandshakesAndRest() {
        given().contentType("application/json")
                .body("{\"kind\":\"reject_403\",\"duration_ms\":60000}")
                .post("/sim/faults")
                .then()
                .statusCode(200);
        assertEquals(403, TickerClient.handshakeStatus(port(), SimLogin.API_KEY, accessToken));
        given().header("Authorization", "token " + SimLogin.API_KEY + ":" + accessToken)
                .get("/user/profile")
                .then()
                .statusCode(403)
                .contentType("application/json")
                .body("error_type", equalTo("TokenException"));
        given().delete("/sim/faults/reject_403").then().statusCode(200);

        given().contentType("application/json")
                .body("{\"kind\":\"reject_500\"}")
                .post("/sim/faults")
                .then()
                .statusCode(200);
        assertEquals(500, TickerClient.handshakeStatus(port(), SimLogin.API_KEY, accessToken));
        given().delete("/sim/faults/reject_500").then().statusCode(200);
        assertTrue(connectsOk());
    }

    @Test
    void malformedSendsFramesNoDecoderCanRead() {
        TickerClient client = subscribedClient();
        // 3 frames take 0.6 s at 5 ticks/s; the fault lasts 10 times that, so it cannot end before they are sent.
        given().contentType("application/json")
                .body("{\"kind\":\"malformed\",\"duration_ms\":6000}")
                .post("/sim/faults")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        client.binaryFrames.stream().filter(f -> !wellFormed(f)).count() >= 3);
        assertFalse(client.isDead());
        given().get("/sim/stats").then().body("malformed_frames_sent", greaterThanOrEqualTo(3));
    }

    @Test
    void malformedAlsoCorruptsTheQuoteSentOnAModeChangeOfANewSocket() {
        // Far longer than the test runs (it is cleared below), so no clean frame can come from the fault ending.
        given().contentType("application/json")
                .body("{\"kind\":\"malformed\",\"duration_ms\":60000}")
                .post("/sim/faults")
                .then()
                .statusCode(200);
        try {
            TickerClient client = TickerClient.connect(port(), SimLogin.API_KEY, accessToken);
            clients.add(client);
            client.send("{\"a\":\"subscribe\",\"v\":[" + INFY + "]}");
            client.send("{\"a\":\"mode\",\"v\":[\"full\",[" + INFY + "]]}");
            // The mode answer comes at once; a clean one would let a reconnecting client believe it recovered.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.binaryFrames.stream()
                                    .filter(f -> f.length > 1)
                                    .count()
                            >= 2);
            assertTrue(
                    client.binaryFrames.stream().filter(f -> f.length > 1).noneMatch(TickerFaultsTest::wellFormed),
                    "a well-formed tick frame arrived during the malformed fault");
        } finally {
            given().delete("/sim/faults/malformed").then().statusCode(200);
        }
    }

    @Test
    void slowDelaysEveryFrame() {
        given().contentType("application/json")
                .body("{\"kind\":\"slow\",\"delay_ms\":1200}")
                .post("/sim/faults")
                .then()
                .statusCode(200);
        TickerClient client = TickerClient.connect(port(), SimLogin.API_KEY, accessToken);
        clients.add(client);
        long start = System.nanoTime();
        client.send("{\"a\":\"subscribe\",\"v\":[" + INFY + "]}");
        // Up to one 200 ms step plus the 1200 ms delay; only the lower bound is asserted.
        await().atMost(Duration.ofSeconds(10)).until(() -> client.tickFrames() >= 1);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= 1100, "first tick after " + elapsedMs + " ms under a 1200 ms slow fault");
    }

    @Test
    void fourthSocketForOneApiKeyIsRefused() {
        for (int i = 0; i < 3; i++) {
            clients.add(TickerClient.connect(port(), SimLogin.API_KEY, accessToken));
        }
        TickerClient fourth = TickerClient.connect(port(), SimLogin.API_KEY, accessToken);
        clients.add(fourth);
        await().atMost(Duration.ofSeconds(10)).until(() -> fourth.closeCode.get() >= 0);
        assertTrue(
                fourth.textFrames.stream().anyMatch(t -> t.contains("\"type\":\"error\"")),
                fourth.textFrames.toString());
        given().get("/sim/stats").then().body("ws_connections_open", equalTo(3));
        assertTrue(clients.subList(0, 3).stream().noneMatch(TickerClient::isDead));
    }

    @Test
    void moreThan3000TokensPerSocketIsAnError() {
        TickerClient client = TickerClient.connect(port(), SimLogin.API_KEY, accessToken);
        clients.add(client);
        String tokens = LongStream.range(0, 3001)
                .mapToObj(i -> String.valueOf((100_000 + i) << 8 | 1))
                .collect(Collectors.joining(","));
        client.send("{\"a\":\"subscribe\",\"v\":[" + tokens + "]}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.textFrames.stream().anyMatch(t -> t.contains("3000")));
        given().get("/sim/stats").then().body("subscribed_tokens", equalTo(3000));
    }

    @Test
    void subscribeAndModeMessagesAreCountedPerSocket() {
        TickerClient client = subscribedClient();
        client.send("{\"a\":\"mode\",\"v\":[\"full\",[" + INFY + "]]}");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/sim/stats")
                        .then()
                        .log()
                        .ifValidationFails()
                        .body("subscribe_messages", equalTo(1))
                        .body("mode_messages", equalTo(1))
                        .body("sockets[0].tokens_by_mode.full", equalTo(1)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.binaryFrames.stream().anyMatch(f -> f.length == 2 + 2 + 184));
        client.send("not json");
        client.send("{\"a\":\"explode\",\"v\":[]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.textFrames.size() >= 2);
        assertFalse(client.isDead(), "bad client messages get an error frame, not a closed socket");
    }

    @Test
    void badFaultRequestsGetKiteErrors() {
        given().contentType("application/json")
                .body("{\"kind\":\"meteor\"}")
                .post("/sim/faults")
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("status", equalTo("error"))
                .body("error_type", equalTo("InputException"));
        given().contentType("application/json")
                .body("{\"kind\":\"silence\",\"duration_ms\":-5}")
                .post("/sim/faults")
                .then()
                .statusCode(400)
                .body("error_type", equalTo("InputException"));
        given().contentType("application/json")
                .body("{oops")
                .post("/sim/faults")
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("status", equalTo("error"));
        given().contentType("application/json")
                .body("{\"ticks_per_second\":\"fast\"}")
                .post("/sim/rate")
                .then()
                .statusCode(400)
                .body("error_type", equalTo("InputException"));
        given().get("/sim/faults").then().statusCode(200).body("size()", equalTo(0));
    }

    private TickerClient subscribedClient() {
        TickerClient client = TickerClient.connect(port(), SimLogin.API_KEY, accessToken);
        clients.add(client);
        client.send("{\"a\":\"subscribe\",\"v\":[" + INFY + "]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.tickFrames() >= 1);
        return client;
    }

    private boolean connectsOk() {
        try (TickerClient c = TickerClient.connect(port(), SimLogin.API_KEY, accessToken)) {
            // heartbeats come every 1 s
            await().atMost(Duration.ofSeconds(10)).until(() -> c.heartbeats() > 0);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** RestAssured knows the port in both the in-JVM test and the packaged-app IT. */
    private static List<Long> socketIds() {
        return given().get("/sim/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("sockets.id", Long.class);
    }

    private int port() {
        return RestAssured.port;
    }

    /** A frame a correct Kite decoder accepts: a heartbeat, or packets whose lengths add up and are known. */
    private static boolean wellFormed(byte[] frame) {
        if (frame.length == 1) {
            return frame[0] == 0;
        }
        if (frame.length < 2) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        int count = b.getShort();
        for (int i = 0; i < count; i++) {
            if (b.remaining() < 2) {
                return false;
            }
            int length = b.getShort();
            if (!List.of(8, 28, 32, 44, 184).contains(length) || b.remaining() < length) {
                return false;
            }
            b.position(b.position() + length);
        }
        assertNotNull(b);
        return !b.hasRemaining();
    }
}
