package io.tickwarden.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.ResponseType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Redis SUBSCRIBE to {@code feed.ticks} straight at Redis (not through the gateway): every batch with the time it
 * arrived, its epoch, the feed's receive time ({@code at}) and its ticks, so a test can tell which leader term
 * published what and when.
 */
public final class FeedTicksTap implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One batch: when it arrived here, its epoch, when the feed read its frame, and its (symbol, seq) pairs. */
    public record Batch(Instant arrivedAt, long epoch, Instant feedReceivedAt, List<Tick> ticks) {}

    public record Tick(String symbol, long seq) {}

    private final Vertx vertx = Vertx.vertx();
    private final List<Batch> batches = new CopyOnWriteArrayList<>();

    public FeedTicksTap(String redisUrl) throws Exception {
        RedisConnection c = Redis.createClient(vertx, redisUrl)
                .connect()
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        c.handler(msg -> {
            if (msg.type() == ResponseType.PUSH && "message".equals(msg.get(0).toString())) {
                batches.add(parse(msg.get(2).toString()));
            }
        });
        c.send(Request.cmd(Command.SUBSCRIBE).arg("feed.ticks"))
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
    }

    private static Batch parse(String message) {
        try {
            JsonNode b = JSON.readTree(message);
            List<Tick> ticks = new ArrayList<>();
            b.path("ticks")
                    .forEach(t -> ticks.add(
                            new Tick(t.path("symbol").asText(), t.path("seq").asLong())));
            return new Batch(
                    Instant.now(),
                    b.path("epoch").asLong(),
                    OffsetDateTime.parse(b.path("at").asText()).toInstant(),
                    List.copyOf(ticks));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable feed.ticks message: " + message, e);
        }
    }

    public List<Batch> batches() {
        return List.copyOf(batches);
    }

    /** Batches that arrived at or after {@code from}. */
    public List<Batch> since(Instant from) {
        return batches.stream().filter(b -> !b.arrivedAt().isBefore(from)).toList();
    }

    public long newestEpoch() {
        return batches.stream().mapToLong(Batch::epoch).max().orElse(0);
    }

    @Override
    public void close() {
        vertx.close();
    }
}
