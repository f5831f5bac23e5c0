package io.tickwarden.feed.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.feed.FeedTickBatch;
import io.tickwarden.feed.domain.Packets;
import io.tickwarden.feed.domain.TickDecoder;
import io.tickwarden.feed.service.TickProcessor;
import io.tickwarden.feed.support.Collector;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tick messages sent one by one (the parts of a frame as they are decoded) reach a real Redis subscriber in the
 * order they were sent, also across a Redis restart. Each test tells its messages apart by a unique {@code epoch}:
 * nothing else publishes ticks here (no kite-sim), but the app is shared with other Redis-only tests.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class TicksInOrderTest {

    private static final AtomicLong EPOCH = new AtomicLong(900_000);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @Inject
    ReactiveRedisDataSource redisDs;

    @Inject
    FeedPublisher publisher;

    @Inject
    TickProcessor processor;

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
    void thousandPartsSentBackToBackOnTheEventLoopArriveInOrder() {
        long epoch = EPOCH.incrementAndGet();
        awaitTicksConnection(epoch);
        long failuresBefore = publisher.failures();
        // All 1000 in one event-loop task, as a frame's parts are published from the upstream socket's callback.
        vertx.runOnContext(v -> {
            for (int i = 0; i < 1000; i++) {
                publisher.ticks(List.of(part(epoch, i, 1000, 1 + i % 7)));
            }
        });
        await().atMost(PATIENCE).until(() -> parts(epoch).size() >= 1000);
        assertEquals(inOrder(1000), parts(epoch));
        assertEquals(failuresBefore, publisher.failures());
        // The quotes of the last part are in feed:quotes too (sent after its PUBLISH on the same connection).
        assertTrue(
                redis.command("HGET", FeedRedisNames.QUOTES_HASH, "NSE:P999-0").contains("\"seq\":999"));
    }

    @Test
    void afterARedisRestartTheTicksConnectionComesBackAndKeepsOrder() {
        long epoch = EPOCH.incrementAndGet();
        awaitTicksConnection(epoch);
        bus.close();
        redis.kill();
        long failuresBefore = publisher.failures();
        // Redis is gone: sends fail, are counted, and never block the caller.
        await().atMost(PATIENCE).untilAsserted(() -> {
            publisher.ticks(List.of(part(epoch, 0, 1, 1)));
            assertTrue(publisher.failures() > failuresBefore);
        });
        redis.start();
        bus = new Collector(redisDs, FeedRedisNames.TICKS_CHANNEL);
        long next = EPOCH.incrementAndGet();
        awaitTicksConnection(next);
        vertx.runOnContext(v -> {
            for (int i = 0; i < 200; i++) {
                publisher.ticks(List.of(part(next, i, 200, 3)));
            }
        });
        await().atMost(PATIENCE).until(() -> parts(next).size() >= 200);
        assertEquals(inOrder(200), parts(next));
    }

    @Test
    void aFrameDecodedInPartsIsPublishedAsThoseParts() {
        // 5 packets, one of an unknown length: 4 ticks, and the test profile's limit of 2 ticks a message.
        byte[] frame = Packets.frame(List.of(
                Packets.ltp(70_001, 100),
                Packets.ltp(70_002, 200),
                new byte[13],
                Packets.ltp(70_003, 300),
                Packets.ltp(70_004, 400)));
        Instant at = Instant.now();
        vertx.runOnContext(
                v -> TickDecoder.decodeInParts(frame, processor.maxTicksPerMessage(), (ticks, part, parts) -> {
                    processor.publishWsPart(ticks, at, part, parts);
                    return true;
                }));
        await().atMost(PATIENCE).until(() -> frameMessages().size() >= 2);
        List<Collector.Message> messages = frameMessages();
        assertEquals(2, messages.size());
        for (int i = 0; i < 2; i++) {
            var body = messages.get(i).body();
            assertEquals("ws", body.path("source").asText());
            assertEquals(i, body.path("part").asInt());
            assertEquals(2, body.path("parts").asInt());
            assertEquals(2, body.path("count").asInt());
        }
        assertEquals(
                List.of(70_001L, 70_002L, 70_003L, 70_004L),
                messages.stream()
                        .flatMap(m -> m.body().path("ticks").valueStream())
                        .map(t -> t.path("instrument_token").asLong())
                        .toList());
        // Not in the instrument list, so the quote is kept under its token.
        await().atMost(PATIENCE).until(() -> redis.command("HGET", FeedRedisNames.QUOTES_HASH, "70004") != null);
    }

    /** Sends markers until one arrives: the ticks connection is open and the subscriber listening. */
    private void awaitTicksConnection(long epoch) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            publisher.ticks(List.of(part(epoch, -1, 1, 1)));
            return bus.all().stream().anyMatch(m -> m.body().path("epoch").asLong() == epoch);
        });
    }

    /** The WebSocket messages: only {@link #aFrameDecodedInPartsIsPublishedAsThoseParts} sends any here. */
    private List<Collector.Message> frameMessages() {
        return bus.all().stream()
                .filter(m -> "ws".equals(m.body().path("source").asText()))
                .toList();
    }

    /** The part numbers of the messages of {@code epoch}, in arrival order, markers left out. */
    private List<Integer> parts(long epoch) {
        return bus.all().stream()
                .filter(m -> m.body().path("epoch").asLong() == epoch)
                .map(m -> m.body().path("part").asInt())
                .filter(p -> p >= 0)
                .toList();
    }

    private static List<Integer> inOrder(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** Part {@code part} of {@code parts}, of {@code ticks} small ticks; the first tick's seq is the part number. */
    private static FeedTickBatch part(long epoch, int part, int parts, int ticks) {
        List<FeedTick> out = new ArrayList<>(ticks);
        for (int k = 0; k < ticks; k++) {
            String symbol = "NSE:P" + part + "-" + k;
            out.add(new FeedTick(
                    1000 + k,
                    symbol,
                    "NSE",
                    "ltp",
                    part,
                    "ws",
                    true,
                    100.0 + k,
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
                    "2026-03-02T10:15:01.120+05:30"));
        }
        return new FeedTickBatch(
                FeedTickBatch.TYPE, "test", epoch, "2026-03-02T10:15:01.120+05:30", ticks, part, parts, out);
    }
}
