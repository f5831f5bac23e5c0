package io.tickwarden.feed.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.feed.FeedTickBatch;
import io.tickwarden.feed.support.Collector;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-symbol history stream ({@code feed:history:<symbol>}) against a real Redis: every published tick is in
 * it with the ID {@code <epoch>-<n>} of its seq and its FeedTick JSON in field {@code t}, the stream stays bounded
 * ({@code MAXLEN ~ 300}, the default) and expires; an append of an older epoch (a zombie leader) is refused by Redis
 * without stopping the PUBLISH of the same pipeline, and counted.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class HistoryStreamTest {

    private static final AtomicLong EPOCH = new AtomicLong(7_000);
    private static final long PER_EPOCH = 1_000_000_000L;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @Inject
    ReactiveRedisDataSource redisDs;

    @Inject
    FeedPublisher publisher;

    @Inject
    Vertx vertx;

    Collector bus;

    @BeforeEach
    void redisUp() {
        if (!redis.isRunning()) {
            redis.start();
        }
        bus = new Collector(redisDs, FeedRedisNames.TICKS_CHANNEL);
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void everyPublishedTickIsInItsSymbolsStreamWithItsSeqAsIdAndTheStreamIsBounded() throws Exception {
        long epoch = EPOCH.incrementAndGet();
        String symbol = "NSE:HIST" + epoch;
        String key = FeedRedisNames.historyKey(symbol);
        vertx.runOnContext(v -> {
            // 1000 ticks in messages of 10, each message also carrying a tick of another symbol.
            for (int m = 0; m < 100; m++) {
                List<FeedTick> ticks = new ArrayList<>();
                for (int k = 1; k <= 10; k++) {
                    ticks.add(tick(symbol, epoch * PER_EPOCH + m * 10 + k, 100 + m));
                }
                ticks.add(tick("NSE:OTHER" + epoch, epoch * PER_EPOCH + m + 1, 1));
                publisher.ticks(List.of(batch(epoch, ticks)));
            }
        });
        await().atMost(PATIENCE).until(() -> (epoch + "-1000").equals(newestId(key)));

        long length = Long.parseLong(redis.command("XLEN", key).substring(1));
        // MAXLEN ~ trims whole radix-tree nodes (100 entries by default): at least 300 kept, never many more.
        assertTrue(length >= 300 && length <= 400, "length " + length);
        List<String> lines = List.of(redis.command("XRANGE", key, "-", "+").split("\n"));
        assertEquals(length * 3, lines.size(), "id, field, value per entry");
        long first = 1000 - length + 1;
        for (int i = 0; i < length; i++) {
            long n = first + i;
            assertEquals(epoch + "-" + n, lines.get(3 * i), "IDs rise by one: the newest ticks, none missing");
            assertEquals(FeedRedisNames.HISTORY_FIELD, lines.get(3 * i + 1));
            JsonNode t = JSON.readTree(lines.get(3 * i + 2));
            assertEquals(epoch * PER_EPOCH + n, t.path("seq").asLong());
            assertEquals(symbol, t.path("symbol").asText());
            assertTrue(!t.has("depth"), "nulls are left out, as in feed:quotes");
        }
        // The value is the quote as stored in feed:quotes for the newest tick.
        assertEquals(lines.get(lines.size() - 1), redis.command("HGET", FeedRedisNames.QUOTES_HASH, symbol));
        long ttl = Long.parseLong(redis.command("TTL", key).substring(1));
        assertTrue(ttl > 11 * 3600 && ttl <= 12 * 3600, "expires after feed.history.ttl (12h), got " + ttl);
        assertEquals(epoch + "-100", newestId(FeedRedisNames.historyKey("NSE:OTHER" + epoch)));
    }

    @Test
    void anOlderEpochCannotAppendButItsPublishStillGoesOutAndTheRefusalIsCounted() {
        long epoch = EPOCH.incrementAndGet();
        String symbol = "NSE:ZOMBIE" + epoch;
        String key = FeedRedisNames.historyKey(symbol);
        publisher.ticks(List.of(batch(epoch, List.of(tick(symbol, epoch * PER_EPOCH + 5, 100)))));
        await().atMost(PATIENCE).until(() -> (epoch + "-5").equals(newestId(key)));
        double refusedBefore = publisher.historyRefusals();
        long failuresBefore = publisher.failures();

        long zombie = epoch - 1;
        publisher.ticks(List.of(batch(zombie, List.of(tick(symbol, zombie * PER_EPOCH + 9, 99)))));

        await().atMost(PATIENCE).until(() -> publisher.historyRefusals() > refusedBefore);
        await().atMost(PATIENCE)
                .until(() ->
                        bus.all().stream().anyMatch(m -> m.body().path("epoch").asLong() == zombie));
        assertEquals(epoch + "-5", newestId(key), "the newer leader's history is untouched");
        assertEquals(failuresBefore, publisher.failures(), "a refused append is not a failed publish");
    }

    private String newestId(String key) {
        String reply = redis.command("XREVRANGE", key, "+", "-", "COUNT", "1");
        return reply == null || reply.isEmpty() || reply.startsWith("*") ? null : reply.split("\n")[0];
    }

    private static FeedTick tick(String symbol, long seq, double price) {
        return new FeedTick(
                1,
                symbol,
                "NSE",
                "ltp",
                seq,
                "ws",
                true,
                price,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "2026-03-02T10:15:01.120+05:30");
    }

    private static FeedTickBatch batch(long epoch, List<FeedTick> ticks) {
        return new FeedTickBatch(
                FeedTickBatch.TYPE, "test", epoch, "2026-03-02T10:15:01.120+05:30", ticks.size(), 0, 1, ticks);
    }
}
