package io.tickwarden.auth.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.auth.AuthStateChanged;
import io.tickwarden.contracts.auth.AuthStateView;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Writes the snapshot {@code auth:state} and publishes transitions on {@code auth.state}. */
@Singleton
public class AuthStatePublisher {

    private final ValueCommands<String, String> values;
    private final PubSubCommands<String> pubsub;
    private final ObjectMapper json;

    AuthStatePublisher(RedisDataSource redis, ObjectMapper json) {
        this.values = redis.value(String.class);
        this.pubsub = redis.pubsub(String.class);
        this.json = json;
    }

    public void writeSnapshot(AuthStateView view) {
        values.set(AuthRedisNames.STATE_KEY, write(view));
    }

    public void publish(AuthStateChanged event) {
        pubsub.publish(AuthRedisNames.STATE_CHANNEL, write(event));
    }

    public Optional<AuthStateView> readSnapshot() {
        String raw = values.get(AuthRedisNames.STATE_KEY);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(raw, AuthStateView.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
