package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.gateway.service.GatewayMetrics;
import io.tickwarden.gateway.support.Fixtures;
import io.tickwarden.gateway.support.GatewayReady;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Holes in the live stream (ticks published while the gateway was re-subscribing to feed.ticks) are filled from the
 * feed's history before the instrument's next ticks, against a real Redis holding the streams as feed-service writes
 * them; a hole the history cannot fill lets the ticks go on without waiting.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class GapFillTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long PER_EPOCH = 1_000_000_000L;
    /** Each test's own epoch and symbols, so tests never see each other's ticks. */
    private static final AtomicLong EPOCH = new AtomicLong(70);

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    @Inject
    GatewayMetrics metrics;

    private String tick(String symbol, long epoch, long n) {
        return Fixtures.tick(symbol, 9, epoch * PER_EPOCH + n, 100 + n);
    }

    @Test
    void ticksMissedOnTheChannelAreFilledFromTheHistoryInOrder() {
        long epoch = EPOCH.incrementAndGet();
        String symbol = "NSE:GAPA" + epoch;
        for (int n = 1; n <= 5; n++) {
            redis.command(
                    "XADD",
                    FeedRedisNames.historyKey(symbol),
                    epoch + "-" + n,
                    FeedRedisNames.HISTORY_FIELD,
                    tick(symbol, epoch, n));
        }
        GatewayReady.subscribed();
        double filledBefore = metrics.gapFills("filled");
        try (WsClient client = WsClient.connect(base, "demo-key", "all")) {
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"" + symbol + "\"],\"mode\":\"ltp\"}");
            await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());
            Fixtures.publish(redis, List.of(tick(symbol, epoch, 1)));
            Fixtures.publish(redis, List.of(tick(symbol, epoch, 2)));
            // 3 and 4 never reach the channel (the gateway was away); 5 and 6 do.
            Fixtures.publish(redis, List.of(tick(symbol, epoch, 5)));
            Fixtures.publish(redis, List.of(tick(symbol, epoch, 6)));
            await().atMost(WAIT).until(() -> seqs(client, symbol).size() >= 6);
            assertEquals(
                    List.of(1L, 2L, 3L, 4L, 5L, 6L),
                    seqs(client, symbol).stream()
                            .map(s -> s - epoch * PER_EPOCH)
                            .toList(),
                    "every tick, in order, no duplicate");
            assertEquals(filledBefore + 1, metrics.gapFills("filled"));
        }
    }

    @Test
    void aHoleTheHistoryCannotFillDoesNotHoldTheTicksBack() {
        long epoch = EPOCH.incrementAndGet();
        String symbol = "NSE:GAPB" + epoch;
        GatewayReady.subscribed();
        double partialBefore = metrics.gapFills("partial");
        try (WsClient client = WsClient.connect(base, "demo-key", "all")) {
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"" + symbol + "\"],\"mode\":\"ltp\"}");
            await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());
            Fixtures.publish(redis, List.of(tick(symbol, epoch, 1)));
            Fixtures.publish(redis, List.of(tick(symbol, epoch, 4)));
            // A new leader term counts from 1 again: no hole, nothing to read.
            Fixtures.publish(redis, List.of(tick(symbol, epoch + 1, 1)));
            await().atMost(WAIT).until(() -> seqs(client, symbol).size() >= 3);
            assertEquals(
                    List.of(epoch * PER_EPOCH + 1, epoch * PER_EPOCH + 4, (epoch + 1) * PER_EPOCH + 1),
                    seqs(client, symbol));
            assertEquals(partialBefore + 1, metrics.gapFills("partial"));
        }
    }

    private static List<Long> seqs(WsClient client, String symbol) {
        return client.ticks().stream()
                .filter(t -> symbol.equals(t.path("symbol").asText()))
                .map(t -> t.path("seq").asLong())
                .toList();
    }
}
