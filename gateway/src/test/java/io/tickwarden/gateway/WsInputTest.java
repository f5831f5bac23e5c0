package io.tickwarden.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.contracts.gateway.GatewayCloseCodes;
import io.tickwarden.gateway.redis.RedisInstrumentCatalog;
import io.tickwarden.gateway.support.RawWsClient;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Authentication at the upgrade and every class of bad input. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class WsInputTest {

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisInstrumentCatalog catalog;

    @Inject
    MeterRegistry meters;

    /** An answer to one message: milliseconds on an idle machine. */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(15);

    @Test
    void upgradeWithoutOrWithBadKeyGets401() {
        for (Throwable failure : List.of(
                WsClient.connectFailure(base, null, false),
                WsClient.connectFailure(base, "wrong-key", false),
                WsClient.connectFailure(base, "wrong-key", true),
                WsClient.connectFailure(base, "demo-ke", true))) {
            WebSocketHandshakeException e = assertInstanceOf(WebSocketHandshakeException.class, failure);
            assertEquals(401, e.getResponse().statusCode());
        }
        given().header("Connection", "Upgrade")
                .header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .get("/ws/market?token=nope")
                .then()
                .statusCode(401);
        assertNull(WsClient.connectFailure(base, "demo-key", true), "header key accepted");
        assertNull(WsClient.connectFailure(base, "second-key", false), "query key accepted");
    }

    @Test
    void everyBadInputGetsItsErrorAndTheConnectionStaysUsable() {
        try (WsClient c = WsClient.connect(base, "demo-key")) {
            await().until(() -> !c.ofType("connection_status").isEmpty());
            String[][] cases = {
                {"not json at all", "bad_json"},
                {"{\"action\":", "bad_json"},
                {"[1,2,3]", "bad_request"},
                {"{\"symbols\":[\"NSE:INFY\"]}", "unknown_action"},
                {"{\"action\":\"dance\"}", "unknown_action"},
                {"{\"action\":42}", "unknown_action"},
                {"{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\"],\"mode\":\"turbo\"}", "unknown_mode"},
                {"{\"action\":\"subscribe\",\"symbols\":\"NSE:INFY\"}", "bad_request"},
                {"{\"action\":\"subscribe\",\"symbols\":[]}", "bad_request"},
                {"{\"action\":\"subscribe\",\"symbols\":[1]}", "bad_request"},
                {"{\"action\":\"unsubscribe\"}", "bad_request"},
            };
            for (String[] kase : cases) {
                int before = c.ofType("error").size();
                c.send(kase[0]);
                await().atMost(ANSWER_WAIT).until(() -> c.ofType("error").size() > before);
                JsonNode error = c.ofType("error").get(before);
                assertEquals(kase[1], error.get("code").asText(), kase[0]);
                assertFalse(error.get("message").asText().contains("Exception"), "no internals: " + error);
                assertFalse(error.get("message").asText().contains("\tat "), "no stack trace");
            }
            assertUsable(c);
        }
    }

    @Test
    void symbolsAreRejectedOneByOneWithReasons() {
        redis.command("HSET", "feed:instruments", "NSE:INFY", "408065", "NSE:NIFTY 50", "256265");
        catalog.reload().await().atMost(ANSWER_WAIT);
        try (WsClient c = WsClient.connect(base, "demo-key")) {
            c.send("{\"action\":\"subscribe\",\"mode\":\"ltp\",\"symbols\":[\"NSE:INFY\",\"NSE:NIFTY 50\",\"NSE:NOPE\","
                    + "\"INFY\",\"XYZ:INFY\",\"nse:infy\",\"NSE:\\u0000BAD\"]}");
            await().until(() -> !c.ofType("subscribed").isEmpty());
            JsonNode answer = c.ofType("subscribed").get(0);
            List<String> accepted = new ArrayList<>();
            answer.get("symbols").forEach(s -> accepted.add(s.asText()));
            assertEquals(List.of("NSE:INFY", "NSE:NIFTY 50"), accepted);
            List<String> reasons = new ArrayList<>();
            answer.get("rejected")
                    .forEach(r -> reasons.add(
                            r.get("symbol").asText() + "=" + r.get("reason").asText()));
            assertEquals(
                    List.of(
                            "NSE:NOPE=unknown_symbol",
                            "INFY=invalid_symbol",
                            "XYZ:INFY=invalid_symbol",
                            "nse:infy=invalid_symbol",
                            "NSE:?BAD=invalid_symbol"),
                    reasons);
            answer.get("rejected")
                    .forEach(r -> assertFalse(r.get("message").asText().isBlank()));

            c.send("{\"action\":\"unsubscribe\",\"symbols\":[\"NSE:INFY\",\"NSE:TCS\"]}");
            await().until(() -> !c.ofType("unsubscribed").isEmpty());
            JsonNode un = c.ofType("unsubscribed").get(0);
            assertEquals("NSE:INFY", un.get("symbols").get(0).asText());
            assertEquals(
                    "not_subscribed", un.get("rejected").get(0).get("reason").asText());
            assertEquals(1, un.get("total_subscriptions").asInt());
            assertUsable(c);
        } finally {
            redis.command("DEL", "feed:instruments");
            catalog.reload().await().atMost(ANSWER_WAIT);
        }
    }

    @Test
    void tooManySymbolsIsAnsweredAndTheConnectionStays() {
        try (WsClient c = WsClient.connect(base, "demo-key")) {
            List<String> symbols = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                symbols.add("NSE:S" + i);
            }
            c.subscribe("ltp", symbols.toArray(String[]::new));
            await().until(() ->
                    !c.ofType("subscribed").isEmpty() && !c.ofType("error").isEmpty());
            JsonNode answer = c.ofType("subscribed").get(0);
            assertEquals(20, answer.get("symbols").size(), "limit is 20 in tests");
            assertEquals(5, answer.get("rejected").size());
            answer.get("rejected")
                    .forEach(r -> assertEquals("limit_exceeded", r.get("reason").asText()));
            assertEquals(
                    "too_many_symbols", c.ofType("error").get(0).get("code").asText());
            assertUsable(c);
        }
    }

    @Test
    void floodIsClosedWithAReason() {
        try (WsClient c = WsClient.connect(base, "demo-key")) {
            await().until(() -> !c.ofType("connection_status").isEmpty());
            // 200 messages against a burst of 60 and 5/s: over the limit unless sending them took half a minute.
            for (int i = 0; i < 200 && !c.isClosed(); i++) {
                try {
                    c.send("{\"action\":\"ping\"}");
                } catch (RuntimeException e) {
                    // Sending on a socket the server already closed may fail; the close code is what matters.
                    break;
                }
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> c.closeCode != null);
            assertEquals(GatewayCloseCodes.FLOOD, c.closeCode);
            assertTrue(c.closeReason.startsWith("flood"), c.closeReason);
        }
    }

    @Test
    void oversizeMessageIsClosedWith1009() {
        try (WsClient c = WsClient.connect(base, "demo-key")) {
            await().until(() -> !c.ofType("connection_status").isEmpty());
            String big = "{\"action\":\"ping\",\"pad\":\"" + "x".repeat(20_000) + "\"}";
            try {
                c.send(big);
            } catch (RuntimeException ignored) {
                // the server may cut the connection while we write
            }
            await().atMost(Duration.ofSeconds(15)).until(c::isClosed);
            assertEquals(GatewayCloseCodes.MESSAGE_TOO_BIG, c.closeCode, "close code, error=" + c.error);
        }
    }

    /** 70 KB in a single frame: more than the 16 KiB limit, refused when the frame header is read. */
    @Test
    void oversizeSingleFrameIsClosedWith1009AndOtherClientsStay() throws IOException {
        assertClosedWith1009(raw -> raw.sendText(seventyKilobyteRequest()));
    }

    /**
     * 70 KB as one message in several frames: 5 frames of 14 KB (each under the frame limit, only the message is
     * too big), 2 frames of 35 KB (each frame too big) and 35 frames of 2 KB.
     */
    @ParameterizedTest(name = "{0} frames")
    @ValueSource(ints = {5, 2, 35})
    void oversizeFragmentedMessageIsClosedWith1009AndOtherClientsStay(int frames) throws IOException {
        assertClosedWith1009(raw -> raw.sendFragmentedText(seventyKilobyteRequest(), frames));
    }

    private interface Send {
        void to(RawWsClient raw) throws IOException;
    }

    private void assertClosedWith1009(Send send) throws IOException {
        double closesBefore = tooBigCloses();
        try (WsClient bystander = WsClient.connect(base, "second-key");
                RawWsClient raw = new RawWsClient(base.getPort(), "demo-key")) {
            await().until(() -> !bystander.ofType("connection_status").isEmpty());
            try {
                send.to(raw);
            } catch (IOException e) {
                // The server may stop reading while we still write; the close frame is what matters.
            }
            assertEquals(
                    GatewayCloseCodes.MESSAGE_TOO_BIG,
                    raw.drainUntilClosed(15_000),
                    "close code (-1: the connection ended without a close frame)");
            assertEquals("message larger than 16384 bytes", raw.closeReason());
            assertUsable(bystander);
        }
        // Counted when the gateway closes: this close at least. (Not "exactly one more": the count of the previous
        // test's close may land after closesBefore was read.)
        await().atMost(ANSWER_WAIT).until(() -> tooBigCloses() >= closesBefore + 1);
    }

    private double tooBigCloses() {
        return meters.get("gateway.ws.closes")
                .tag("reason", "message_too_big")
                .counter()
                .count();
    }

    private static String seventyKilobyteRequest() {
        String head = "{\"action\":\"ping\",\"pad\":\"";
        return head + "x".repeat(70_000 - head.length() - 2) + "\"}";
    }

    private static void assertUsable(WsClient c) {
        int pongs = c.ofType("pong").size();
        c.send("{\"action\":\"ping\"}");
        await().atMost(ANSWER_WAIT).until(() -> c.ofType("pong").size() > pongs);
        assertFalse(c.isClosed());
    }
}
