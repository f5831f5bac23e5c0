package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tickwarden.gateway.support.Fixtures;
import io.tickwarden.gateway.support.GatewayReady;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * feed-service splits a large frame into parts; the gateway flushes the connections the frame touched once, with its
 * last part, so a client gets one message per frame. Any control message flushes a connection's queue too (ticks
 * included), so this runs without the heartbeat: with the 1 s test heartbeat, one landing between two parts sent
 * their ticks early about as often as not. (Was WsRoutingTest#aFrameSplitIntoPartsReachesAClientAsOneMessage.)
 */
@QuarkusTest
@TestProfile(FramePartsTest.NoHeartbeat.class)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class FramePartsTest {

    /** No heartbeat within the test (the first would come after an hour). */
    public static class NoHeartbeat implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.ws.heartbeat-interval", "1h");
        }
    }

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aFrameSplitIntoPartsReachesAClientAsOneMessage() {
        // Subscribed to feed.ticks, and the snapshot keys read once: the status change that the first read causes
        // (a connection_status to every client) is behind us, and with Redis empty the status stays as it is.
        GatewayReady.subscribedAndSnapshotsRead();
        List<String> symbols = List.of("NSE:PARTA", "NSE:PARTB", "NSE:PARTC");
        for (int i = 0; i < symbols.size(); i++) {
            redis.command("HSET", "feed:quotes", symbols.get(i), Fixtures.tick(symbols.get(i), 9001 + i, 1, 1));
        }
        try (WsClient client = WsClient.connect(base, "demo-key")) {
            client.subscribe("ltp", symbols.toArray(String[]::new));
            // Once the snapshot is out, nothing but ticks flushes this client's queue.
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !client.ofType("snapshot").isEmpty());
            redis.command(
                    "PUBLISH",
                    "feed.ticks",
                    Fixtures.batchPart(List.of(Fixtures.tick(symbols.get(0), 9001, 5, 10)), 0, 3));
            redis.command(
                    "PUBLISH",
                    "feed.ticks",
                    Fixtures.batchPart(List.of(Fixtures.tick(symbols.get(1), 9002, 5, 20)), 1, 3));
            // The frame is not complete yet: nothing goes out. A flush per part would show within milliseconds;
            // nothing else can flush (no heartbeat, no status change), so waiting longer cannot break this.
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> client.ticks().isEmpty());
            redis.command(
                    "PUBLISH",
                    "feed.ticks",
                    Fixtures.batchPart(List.of(Fixtures.tick(symbols.get(2), 9003, 5, 30)), 2, 3));
            await().atMost(Duration.ofSeconds(15)).until(() -> client.ticks().size() == 3);
            List<JsonNode> tickMessages = client.messages.stream()
                    .filter(m -> "tick".equals(m.path("type").asText())
                            || "ticks".equals(m.path("type").asText()))
                    .toList();
            assertEquals(1, tickMessages.size(), "one message for the whole frame: " + tickMessages);
            assertEquals(3, tickMessages.get(0).path("ticks").size());
            assertEquals(List.of(), client.ofType("heartbeat"), "no heartbeat in this test");
        }
    }
}
