package io.tickwarden.smartapisim.ws;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.smartapisim.support.Angel;
import io.tickwarden.smartapisim.support.SimControl;
import io.tickwarden.smartapisim.support.StreamClient;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every stream fault, observed from a raw client. Ticks run at 5/s here. Waits for something that does happen are
 * generous since they end as soon as it happens; fault durations are well beyond what a test watches inside them.
 */
@QuarkusTest
class StreamFaultsTest {

    @TestHTTPResource
    URL url;

    private final List<StreamClient> clients = new ArrayList<>();
    private Angel.Session session;

    @BeforeEach
    void setUp() {
        SimControl.cleanStart(5);
        session = Angel.login();
    }

    @AfterEach
    void tearDown() {
        clients.forEach(StreamClient::close);
        given().post("/sim/reset");
        SimControl.rate(1);
    }

    private StreamClient subscribed() {
        StreamClient c = StreamClient.connect(url.getPort(), session);
        clients.add(c);
        c.send(StreamTest.subscribe(1, 1, "3045"));
        await().atMost(Duration.ofSeconds(10)).until(() -> c.packets.size() >= 2);
        return c;
    }

    @Test
    void dropCutsEverySocketWithoutACloseFrameAndWithADurationCutsHandshakes() {
        StreamClient c = subscribed();
        given().contentType("application/json")
                .body("{\"kind\":\"drop\",\"duration_ms\":30000}")
                .post("/sim/faults")
                .then()
                .statusCode(200)
                .body("sockets_cut", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> c.error.get() != null);
        assertEquals(-1, c.closeCode.get(), "no close frame on a drop");
        assertEquals(
                -1,
                StreamClient.handshake(url.getPort(), StreamClient.sdkHeaders(session), "")
                        .status());
        given().delete("/sim/faults/drop").then().statusCode(200);
        assertEquals(
                101,
                StreamClient.handshake(url.getPort(), StreamClient.sdkHeaders(session), "")
                        .status());
    }

    @Test
    void aTargetedDropCutsOnlyThatSocket() {
        StreamClient first = subscribed();
        long firstId = given().get("/sim/stats").jsonPath().getLong("sockets[0].id");
        StreamClient second = subscribed();
        long secondId = given().get("/sim/stats").jsonPath().getList("sockets.id", Long.class).stream()
                .filter(id -> id != firstId)
                .findFirst()
                .orElseThrow();
        SimControl.fault("{\"kind\":\"drop\",\"socket_id\":" + secondId + "}");
        await().atMost(Duration.ofSeconds(10)).until(() -> second.error.get() != null);
        int before = first.packets.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.packets.size() >= before + 2);
        given().contentType("application/json")
                .body("{\"kind\":\"drop\",\"socket_id\":" + secondId + "}")
                .post("/sim/faults")
                .then()
                .statusCode(400);
    }

    @Test
    void silenceStopsPacketsButPongsContinue() {
        StreamClient c = subscribed();
        SimControl.fault("{\"kind\":\"silence\",\"duration_ms\":60000}");
        c.sync();
        int before = c.packets.size();
        StreamTest.awaitSteps(3);
        c.sync();
        assertEquals(before, c.packets.size(), "no packets under silence");
        c.send(StreamTest.subscribe(2, 1, "2885"));
        c.sync();
        assertEquals(before, c.packets.size(), "not even the snapshot of a new subscription");
        given().delete("/sim/faults/silence").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> c.packets.size() >= before + 2);
    }

    @Test
    void noPongSwallowsPingsWhilePacketsFlow() {
        StreamClient c = subscribed();
        SimControl.fault("{\"kind\":\"no_pong\"}");
        int pongs = c.pongs.get();
        c.send("ping");
        int packets = c.packets.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> c.packets.size() >= packets + 3);
        given().delete("/sim/faults/no_pong").then().statusCode(200);
        c.sync();
        assertEquals(pongs + 1, c.pongs.get(), "the ping sent under no_pong was never answered");
        given().get("/sim/stats").then().body("pings_received", equalTo(2)).body("pongs_sent", equalTo(1));
    }

    @Test
    void reject401AndReject429RefuseHandshakes() {
        SimControl.fault("{\"kind\":\"reject_401\"}");
        assertEquals(
                new StreamClient.Handshake(401, "Invalid Auth token"),
                StreamClient.handshake(url.getPort(), StreamClient.sdkHeaders(session), ""));
        given().delete("/sim/faults/reject_401").then().statusCode(200);
        SimControl.fault("{\"kind\":\"reject_429\"}");
        assertEquals(
                429,
                StreamClient.handshake(url.getPort(), StreamClient.sdkHeaders(session), "")
                        .status());
        given().delete("/sim/faults/reject_429").then().statusCode(200);
        assertEquals(
                101,
                StreamClient.handshake(url.getPort(), StreamClient.sdkHeaders(session), "")
                        .status());
        given().get("/sim/stats")
                .then()
                .body("ws_handshakes_rejected", equalTo(2))
                .body("ws_handshakes_total", equalTo(3));
    }

    @Test
    void malformedSendsPacketsNoLayoutHas() {
        StreamClient c = subscribed();
        c.sync();
        int before = c.packets.size();
        SimControl.fault("{\"kind\":\"malformed\",\"duration_ms\":60000}");
        await().atMost(Duration.ofSeconds(15)).until(() -> c.packets.size() >= before + 4);
        Set<Integer> sizes = Set.of(51, 123, 379, 443);
        List<StreamClient.Packet> bad = c.packets.stream()
                .skip(before)
                .filter(p -> !sizes.contains(p.bytes().length)
                        || p.bytes()[0] < 1
                        || p.bytes()[0] > 4
                        || p.bytes().length != new int[] {0, 51, 123, 379, 443}[p.bytes()[0]])
                .toList();
        assertTrue(bad.size() >= 3, "corrupt packets: " + bad.size());
        assertFalse(c.isDead(), "the socket stays open");
    }

    @Test
    void slowDelaysEveryMessage() {
        StreamClient c = subscribed();
        SimControl.fault("{\"kind\":\"slow\",\"delay_ms\":1200}");
        long start = System.nanoTime();
        c.sync();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 1100, "pong after " + millis + " ms");
    }

    @Test
    void tokenExpiryRefusesHandshakesWhileOpenSocketsStay() {
        StreamClient c = subscribed();
        given().post("/sim/tokens/expire").then().statusCode(200).body("expired", equalTo(1));
        assertEquals(
                401,
                StreamClient.handshake(url.getPort(), StreamClient.sdkHeaders(session), "")
                        .status());
        int before = c.packets.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> c.packets.size() >= before + 2);
    }
}
