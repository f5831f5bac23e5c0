package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.gateway.GatewayRecoveryReasons;
import io.tickwarden.gateway.service.GatewayMetrics;
import io.tickwarden.gateway.support.Fixtures;
import io.tickwarden.gateway.support.GatewayReady;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.gateway.ws.ApiKeyUpgradeCheck;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Recovery by position against a real Redis holding history streams as feed-service writes them
 * ({@code XADD feed:history:<symbol> <epoch>-<n> t <tick>}): the replay, the reasons, the order on the socket, and
 * the {@code delivery} parameter. The end-to-end version with real feed-service and two gateways is
 * {@code RecoveryIT}.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class RecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long PER_EPOCH = 1_000_000_000L;
    /** Each test's own epoch, so symbols and streams never collide between tests. */
    private static final AtomicLong EPOCH = new AtomicLong(40);

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    @Inject
    GatewayMetrics metrics;

    /** Writes ticks {@code 1..count} of {@code epoch} to the symbol's history, and the newest to feed:quotes. */
    private void history(String symbol, long epoch, int count) {
        for (int n = 1; n <= count; n++) {
            String tick = Fixtures.tick(symbol, 9, epoch * PER_EPOCH + n, 100 + n);
            redis.command(
                    "XADD", FeedRedisNames.historyKey(symbol), epoch + "-" + n, FeedRedisNames.HISTORY_FIELD, tick);
            if (n == count) {
                redis.command("HSET", "feed:quotes", symbol, tick);
            }
        }
    }

    @Test
    void missedTicksAreReplayedMarkedRecoveredThenLiveTicksWithoutGapOrDuplicate() {
        long epoch = EPOCH.incrementAndGet();
        String a = "NSE:RECA" + epoch;
        String b = "NSE:RECB" + epoch;
        history(a, epoch, 20);
        history(b, epoch, 8);
        GatewayReady.subscribed();
        double recoveredBefore = metrics.recoveries("recovered", "none");
        try (WsClient client = WsClient.connect(base, "demo-key", "all")) {
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"" + a + "\",\"" + b + "\"],\"mode\":\"ltp\","
                    + "\"positions\":{\"" + a + "\":" + (epoch * PER_EPOCH + 15) + ",\"" + b + "\":"
                    + (epoch * PER_EPOCH + 8) + "}}");
            await().atMost(WAIT).until(() -> !client.ofType("subscribed").isEmpty());
            JsonNode subscribed = client.ofType("subscribed").get(0);
            assertTrue(subscribed.path("recovered").asBoolean(), subscribed::toString);
            assertEquals(
                    Map.of(a, 5, b, 0),
                    Map.of(
                            subscribed.path("recovery").get(0).path("symbol").asText(),
                                    subscribed
                                            .path("recovery")
                                            .get(0)
                                            .path("replayed")
                                            .asInt(),
                            subscribed.path("recovery").get(1).path("symbol").asText(),
                                    subscribed
                                            .path("recovery")
                                            .get(1)
                                            .path("replayed")
                                            .asInt()));
            assertFalse(subscribed.path("recovery").get(0).has("reason"), "nulls are left out");
            assertEquals(recoveredBefore + 2, metrics.recoveries("recovered", "none"));

            // Live: 20 again (already replayed), then 21 and 22; B goes on from 9.
            Fixtures.publish(
                    redis,
                    List.of(
                            Fixtures.tick(a, 9, epoch * PER_EPOCH + 20, 1),
                            Fixtures.tick(a, 9, epoch * PER_EPOCH + 21, 1),
                            Fixtures.tick(b, 9, epoch * PER_EPOCH + 9, 1)));
            Fixtures.publish(redis, List.of(Fixtures.tick(a, 9, epoch * PER_EPOCH + 22, 1)));
            await().atMost(WAIT)
                    .until(() -> seqs(client, a).size() >= 7 && seqs(client, b).size() >= 1);

            List<Long> expected = new ArrayList<>();
            for (long n = 16; n <= 22; n++) {
                expected.add(epoch * PER_EPOCH + n);
            }
            assertEquals(expected, seqs(client, a), "exactly the ticks after the position, then live ones");
            assertEquals(List.of(epoch * PER_EPOCH + 9), seqs(client, b), "nothing missed: no replay, no snapshot");
            assertTrue(client.ofType("snapshot").isEmpty(), "recovered symbols get no snapshot");
            int first = client.messages.indexOf(subscribed);
            List<JsonNode> replays = client.messages.stream()
                    .filter(m -> m.path("recovered").asBoolean()
                            && "ticks".equals(m.path("type").asText()))
                    .toList();
            assertEquals(1, replays.size());
            assertEquals(5, replays.get(0).path("ticks").size());
            assertTrue(client.messages.indexOf(replays.get(0)) > first, "subscribed first, then the replay");
            assertEquals("ltp", replays.get(0).path("ticks").get(0).path("mode").asText(), "rendered in the mode");
            assertFalse(replays.get(0).path("ticks").get(0).has("volume"), "ltp mode carries no volume");
        }
    }

    @Test
    void symbolsNotRecoveredGetTheSnapshotWithTheirReason() {
        long epoch = EPOCH.incrementAndGet();
        String changed = "NSE:RECE" + epoch;
        String none = "NSE:RECN" + epoch;
        String bad = "NSE:RECX" + epoch;
        String ahead = "NSE:RECF" + epoch;
        String plain = "NSE:RECP" + epoch;
        history(changed, epoch + 1, 3);
        history(bad, epoch, 3);
        history(ahead, epoch, 3);
        history(plain, epoch, 3);
        redis.command("HSET", "feed:quotes", none, Fixtures.tick(none, 9, epoch * PER_EPOCH + 77, 5));
        GatewayReady.subscribed();
        double badBefore = metrics.recoveries("failed", GatewayRecoveryReasons.BAD_POSITION);
        try (WsClient client = WsClient.connect(base, "demo-key", true)) {
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"" + changed + "\",\"" + none + "\",\"" + bad + "\",\""
                    + ahead + "\",\"" + plain + "\"],\"mode\":\"quote\",\"positions\":{\"" + changed + "\":"
                    + (epoch * PER_EPOCH + 2) + ",\"" + none + "\":" + (epoch * PER_EPOCH + 2) + ",\"" + bad
                    + "\":\"soon\",\"" + ahead + "\":" + (epoch * PER_EPOCH + 9) + ",\"NSE:ELSEWHERE\":5}}");
            await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());
            JsonNode subscribed = client.ofType("subscribed").get(0);
            assertFalse(subscribed.path("recovered").asBoolean(), subscribed::toString);
            JsonNode recovery = subscribed.path("recovery");
            assertEquals(4, recovery.size(), "one entry per subscribed symbol with a position: " + recovery);
            assertEquals(
                    List.of(
                            GatewayRecoveryReasons.EPOCH_CHANGED,
                            GatewayRecoveryReasons.NO_HISTORY,
                            GatewayRecoveryReasons.BAD_POSITION,
                            GatewayRecoveryReasons.BAD_POSITION),
                    recovery.findValuesAsText("reason"));
            recovery.forEach(r -> assertFalse(r.path("message").asText().isBlank(), r::toString));
            assertEquals(badBefore + 2, metrics.recoveries("failed", GatewayRecoveryReasons.BAD_POSITION));
            JsonNode snapshot = client.ofType("snapshot").get(0);
            List<String> inSnapshot = new ArrayList<>(snapshot.path("quotes").findValuesAsText("symbol"));
            snapshot.path("missing").forEach(m -> inSnapshot.add(m.asText()));
            assertTrue(inSnapshot.containsAll(List.of(changed, none, bad, ahead, plain)), snapshot::toString);
            assertTrue(client.messages.indexOf(subscribed) < client.messages.indexOf(snapshot), "subscribed first");
            assertTrue(
                    client.messages.stream()
                            .noneMatch(m -> m.path("recovered").asBoolean()
                                    && "ticks".equals(m.path("type").asText())),
                    "never a partial replay");
        }
    }

    @Test
    void aPlainSubscribeAnswersAsBeforeWithoutRecoveryFields() {
        GatewayReady.subscribed();
        try (WsClient client = WsClient.connect(base, "demo-key")) {
            client.subscribe("ltp", "NSE:INFY");
            await().atMost(WAIT).until(() -> !client.ofType("subscribed").isEmpty());
            JsonNode subscribed = client.ofType("subscribed").get(0);
            assertFalse(subscribed.has("recovered"), subscribed::toString);
            assertFalse(subscribed.has("recovery"), subscribed::toString);
        }
    }

    @Test
    void anUnknownDeliveryIsRefusedAtTheUpgradeWith400AndTheReason() {
        Throwable failure = WsClient.connectFailure(base, "demo-key", "everything");
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, failure);
        assertEquals(400, refused.getResponse().statusCode());
        assertEquals(
                "unknown delivery 'everything'; expected latest (the default) or all",
                refused.getResponse()
                        .headers()
                        .firstValue(ApiKeyUpgradeCheck.ERROR_HEADER)
                        .orElse(null));
        // The key is checked first: a wrong key is still 401, whatever the delivery.
        WebSocketHandshakeException unauthorised =
                assertInstanceOf(WebSocketHandshakeException.class, WsClient.connectFailure(base, "wrong-key", "all"));
        assertEquals(401, unauthorised.getResponse().statusCode());
    }

    private static List<Long> seqs(WsClient client, String symbol) {
        return client.ticks().stream()
                .filter(t -> symbol.equals(t.path("symbol").asText()))
                .map(t -> t.path("seq").asLong())
                .toList();
    }
}
