package io.tickwarden.feed.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records every message on some Redis channels with the instant it arrived, for assertions. */
public final class Collector implements AutoCloseable {

    /** One received message. */
    public record Message(Instant at, String channel, JsonNode body) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;

    public Collector(ReactiveRedisDataSource redis, String... channels) {
        this.subscriber = redis.pubsub(String.class)
                .subscribe(List.of(channels), (channel, text) -> {
                    try {
                        messages.add(new Message(Instant.now(), channel, JSON.readTree(text)));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .await()
                .atMost(Duration.ofSeconds(5));
    }

    public List<Message> all() {
        return new ArrayList<>(messages);
    }

    public List<Message> since(Instant from, String channel) {
        return messages.stream()
                .filter(m -> !m.at().isBefore(from) && m.channel().equals(channel))
                .toList();
    }

    public List<Message> matching(Instant from, String channel, Predicate<JsonNode> test) {
        return since(from, channel).stream().filter(m -> test.test(m.body())).toList();
    }

    public void clear() {
        messages.clear();
    }

    @Override
    public void close() {
        try {
            subscriber.unsubscribe().await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            // Redis may be gone (restart tests); nothing to undo then.
        }
    }
}
