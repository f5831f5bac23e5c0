package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.TickFormat;
import io.tickwarden.gateway.support.Fixtures;
import io.tickwarden.gateway.support.GatewayReady;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 100 real WebSocket clients, each with its own symbols and mode, fed from feed.ticks. (A frame split into parts:
 * {@link FramePartsTest}.)
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class WsRoutingTest {

    private static final int CLIENTS = 100;
    private static final int SYMBOLS = 30;
    private static final int ROUNDS = 5;

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    @Test
    void eachClientGetsExactlyItsSymbolsInItsModeSnapshotFirstWithRisingSeq() {
        List<String> universe = new ArrayList<>();
        for (int i = 0; i < SYMBOLS; i++) {
            universe.add(i == 0 ? "NSE:NIFTY 50" : "NSE:SYM" + i);
        }
        // Latest quotes exist for every symbol, as feed-service keeps them.
        for (int i = 0; i < SYMBOLS; i++) {
            redis.command("HSET", "feed:quotes", universe.get(i), Fixtures.tick(universe.get(i), 1000 + i, 1, 100 + i));
        }
        Mode[] modes = Mode.values();
        List<WsClient> clients = new ArrayList<>();
        List<Set<String>> wanted = new ArrayList<>();
        List<Mode> modeOf = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                WsClient client = WsClient.connect(base, "demo-key", c % 2 == 0);
                Set<String> mine = new LinkedHashSet<>();
                for (int k = 0; k < 1 + c % 5; k++) {
                    mine.add(universe.get((c * 7 + k * 3) % SYMBOLS));
                }
                Mode mode = modes[c % modes.length];
                client.subscribe(mode.wire(), mine.toArray(String[]::new));
                clients.add(client);
                wanted.add(mine);
                modeOf.add(mode);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            clients.stream().allMatch(c -> !c.ofType("snapshot").isEmpty()));
            // Published once each: the gateway must be listening on feed.ticks by then.
            GatewayReady.subscribed();

            long seq = 1;
            for (int r = 0; r < ROUNDS; r++) {
                seq++;
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < SYMBOLS; i++) {
                    batch.add(Fixtures.tick(universe.get(i), 1000 + i, seq, 100 + i + r));
                }
                Fixtures.publish(redis, batch);
            }
            long lastSeq = seq;
            // Everyone eventually holds the last seq of each of its symbols (coalescing may skip middle ones).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (int c = 0; c < CLIENTS; c++) {
                    Map<String, Long> last = lastSeqs(clients.get(c).ticks());
                    for (String s : wanted.get(c)) {
                        assertEquals(lastSeq, last.getOrDefault(s, -1L), "client " + c + " " + s);
                    }
                }
            });

            for (int c = 0; c < CLIENTS; c++) {
                WsClient client = clients.get(c);
                Mode mode = modeOf.get(c);
                assertEquals(
                        "connection_status",
                        client.messages.get(0).path("type").asText(),
                        "client " + c + " first message");
                // Snapshot before any tick, with every wanted symbol, in the client's mode.
                int snapshotAt = indexOf(client.messages, "snapshot");
                int firstTick = Math.min(indexOf(client.messages, "tick"), indexOf(client.messages, "ticks"));
                assertTrue(snapshotAt >= 0 && snapshotAt < firstTick, "client " + c + " snapshot first");
                JsonNode snapshot = client.messages.get(snapshotAt);
                Set<String> inSnapshot = new HashSet<>();
                snapshot.get("quotes").forEach(q -> {
                    inSnapshot.add(q.get("symbol").asText());
                    assertModeFields(q, mode);
                });
                assertEquals(wanted.get(c), inSnapshot, "client " + c + " snapshot symbols");

                Map<String, Long> previous = new HashMap<>();
                snapshot.get("quotes")
                        .forEach(q -> previous.put(
                                q.get("symbol").asText(), q.get("seq").asLong()));
                for (JsonNode t : client.ticks()) {
                    String symbol = t.get("symbol").asText();
                    assertTrue(wanted.get(c).contains(symbol), "client " + c + " got foreign " + symbol);
                    assertModeFields(t, mode);
                    long s = t.get("seq").asLong();
                    assertTrue(
                            s > previous.getOrDefault(symbol, Long.MIN_VALUE),
                            "client " + c + " seq must rise for " + symbol);
                    previous.put(symbol, s);
                }
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    private static void assertModeFields(JsonNode tick, Mode mode) {
        assertEquals(mode.wire(), tick.path("mode").asText());
        Set<String> allowed = TickFormat.fieldsOf(mode);
        Iterator<String> names = tick.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            assertTrue(allowed.contains(n) || "type".equals(n), n + " not allowed in mode " + mode);
        }
        assertTrue(tick.has("last_price") && tick.has("seq") && tick.has("instrument_token"));
        assertEquals(mode != Mode.LTP, tick.has("ohlc"), "ohlc in " + mode);
        assertEquals(mode == Mode.FULL, tick.has("depth"), "depth in " + mode);
    }

    private static Map<String, Long> lastSeqs(List<JsonNode> ticks) {
        Map<String, Long> last = new HashMap<>();
        ticks.forEach(t -> last.put(t.get("symbol").asText(), t.get("seq").asLong()));
        return last;
    }

    private static int indexOf(List<JsonNode> messages, String type) {
        for (int i = 0; i < messages.size(); i++) {
            if (type.equals(messages.get(i).path("type").asText())) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
