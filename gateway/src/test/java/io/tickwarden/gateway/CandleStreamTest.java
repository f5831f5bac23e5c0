package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.gateway.support.GatewayReady;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code subscribe_candles} over a real WebSocket, fed as feed-service feeds it: the day's minutes in
 * {@code feed:candles:<symbol>:<day>} and the changes on {@code feed.candles}, with real Redis pub/sub.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class CandleStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    /** The gateway loads "today" by its clock (the real one in tests). */
    private final String today = LocalDate.now(ZoneId.of("Asia/Kolkata")).toString();

    @AfterEach
    void clear() {
        redis.command("DEL", key("NSE:INFY"), key("NSE:TCS"));
    }

    private String key(String symbol) {
        return "feed:candles:" + symbol + ":" + today;
    }

    private String candle(String hhmm, double open, double close) {
        return """
                {"start":"%sT%s:00+05:30","open":%s,"high":%s,"low":%s,"close":%s,"volume":10,"ticks":1}""".formatted(today, hhmm, open, Math.max(open, close), Math.min(open, close), close);
    }

    private void publish(String symbol, String hhmm, double open, double close) {
        redis.command("PUBLISH", "feed.candles", """
                {"type":"candles","candles":[{"symbol":"%s","day":"%s","minute":"%s","candle":%s}]}""".formatted(symbol, today, hhmm, candle(hhmm, open, close)));
    }

    private static List<JsonNode> candles(WsClient client, String symbol) {
        return client.messages.stream()
                .filter(m -> "candle".equals(m.path("type").asText())
                        && symbol.equals(m.path("symbol").asText()))
                .toList();
    }

    @Test
    void formingCandlesOnChangeAndTheClosedOneWhenTheNextBegins() {
        GatewayReady.subscribed();
        redis.command("HSET", key("NSE:INFY"), "09:15", candle("09:15", 100, 101));
        try (WsClient client = WsClient.connect(base, "demo-key")) {
            client.send("{\"action\":\"subscribe_candles\",\"symbols\":[\"NSE:INFY\",\"bad\"],\"interval\":\"5m\"}");
            await().atMost(WAIT)
                    .until(() -> client.has(
                            m -> "candles_subscribed".equals(m.path("type").asText())));
            JsonNode reply = client.messages.stream()
                    .filter(m -> "candles_subscribed".equals(m.path("type").asText()))
                    .findFirst()
                    .orElseThrow();
            assertEquals("5m", reply.path("interval").asText());
            assertEquals("NSE:INFY", reply.path("symbols").get(0).asText());
            assertEquals(
                    "invalid_symbol",
                    reply.path("rejected").get(0).path("reason").asText());

            // The day so far, read from Redis on subscribe: the forming 09:15 candle.
            await().atMost(WAIT).until(() -> !candles(client, "NSE:INFY").isEmpty());
            JsonNode first = candles(client, "NSE:INFY").get(0);
            assertEquals(
                    today + "T09:15:00+05:30",
                    first.path("candle").path("start").asText());
            assertFalse(first.path("closed").asBoolean());

            // The feed's changes: 09:16 updates the forming candle, 09:20 closes it and opens the next.
            await().atMost(WAIT).until(() -> {
                publish("NSE:INFY", "09:16", 101, 104);
                return candles(client, "NSE:INFY").stream()
                        .anyMatch(m -> m.path("candle").path("close").asDouble() == 104);
            });
            publish("NSE:INFY", "09:20", 104, 103);
            await().atMost(WAIT)
                    .until(() -> candles(client, "NSE:INFY").stream()
                            .anyMatch(m -> m.path("closed").asBoolean()));
            JsonNode closed = candles(client, "NSE:INFY").stream()
                    .filter(m -> m.path("closed").asBoolean())
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    today + "T09:15:00+05:30",
                    closed.path("candle").path("start").asText());
            assertEquals(100, closed.path("candle").path("open").asDouble());
            assertEquals(104, closed.path("candle").path("close").asDouble());
            assertEquals(2, closed.path("candle").path("minutes").asInt());
            await().atMost(WAIT)
                    .until(() -> candles(client, "NSE:INFY").stream()
                            .anyMatch(m -> (today + "T09:20:00+05:30")
                                            .equals(m.path("candle")
                                                    .path("start")
                                                    .asText())
                                    && !m.path("closed").asBoolean()));
            // The closed candle precedes the next one's first message.
            List<JsonNode> all = candles(client, "NSE:INFY");
            int closedAt = all.indexOf(closed);
            assertTrue(all.subList(0, closedAt).stream()
                    .noneMatch(m -> m.path("candle").path("start").asText().endsWith("09:20:00+05:30")));

            // Other symbols' candles are not sent to this connection.
            publish("NSE:TCS", "09:20", 3000, 3001);
            client.send(
                    "{\"action\":\"unsubscribe_candles\",\"symbols\":[\"NSE:INFY\",\"NSE:TCS\"],\"interval\":\"5m\"}");
            await().atMost(WAIT)
                    .until(() -> client.has(
                            m -> "candles_unsubscribed".equals(m.path("type").asText())));
            JsonNode bye = client.messages.stream()
                    .filter(m -> "candles_unsubscribed".equals(m.path("type").asText()))
                    .findFirst()
                    .orElseThrow();
            assertEquals("NSE:INFY", bye.path("symbols").get(0).asText());
            assertEquals(
                    "not_subscribed", bye.path("rejected").get(0).path("reason").asText());
            assertEquals(0, bye.path("total_candle_subscriptions").asInt());
            assertTrue(candles(client, "NSE:TCS").isEmpty());
        }
    }

    @Test
    void aBadIntervalIsAnErrorAndTheConnectionStaysOpen() {
        GatewayReady.subscribed();
        try (WsClient client = WsClient.connect(base, "demo-key")) {
            client.send("{\"action\":\"subscribe_candles\",\"symbols\":[\"NSE:INFY\"],\"interval\":\"2m\"}");
            await().atMost(WAIT)
                    .until(() -> client.has(m -> "error".equals(m.path("type").asText())));
            JsonNode error = client.messages.stream()
                    .filter(m -> "error".equals(m.path("type").asText()))
                    .findFirst()
                    .orElseThrow();
            assertEquals("bad_request", error.path("code").asText());
            assertTrue(error.path("message").asText().contains("expected 1m, 5m, 15m"), error.toString());
            client.send("{\"action\":\"ping\"}");
            await().atMost(WAIT)
                    .until(() -> client.has(m -> "pong".equals(m.path("type").asText())));
        }
    }
}
