package io.tickwarden.auth.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.tickwarden.contracts.auth.AuthRedisNames;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what auth-service publishes on {@code auth.state}, as a separate Redis subscriber would see it. */
public final class RedisEvents implements AutoCloseable {

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final PubSubCommands.RedisSubscriber subscriber;

    public RedisEvents(RedisDataSource redis) {
        this.subscriber = redis.pubsub(String.class)
                .subscribe(AuthRedisNames.STATE_CHANNEL, raw -> events.add(KiteLogin.json(raw)));
    }

    public List<JsonNode> events() {
        return events;
    }

    public boolean seen(String to, String reason) {
        return events.stream()
                .anyMatch(e -> to.equals(e.path("to").asText())
                        && (reason == null || reason.equals(e.path("reason").asText())));
    }

    @Override
    public void close() {
        subscriber.unsubscribe();
    }
}
