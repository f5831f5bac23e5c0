package io.tickwarden.session.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.tickwarden.contracts.session.OverrideChangedEvent;
import io.tickwarden.contracts.session.SessionRedisNames;
import io.tickwarden.session.domain.SessionOverride;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Keeps overrides in a Redis hash so that a restarted service (or a second instance) gets them back. */
@Singleton
public class OverrideStore {

    private static final Logger LOG = Logger.getLogger(OverrideStore.class);

    private final RedisDataSource redis;
    private final ObjectMapper json;

    public OverrideStore(RedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    private HashCommands<String, String, String> hash() {
        return redis.hash(String.class);
    }

    public void put(SessionOverride o) {
        hash().hset(SessionRedisNames.OVERRIDES_HASH, o.id(), write(o));
    }

    public void delete(String id) {
        hash().hdel(SessionRedisNames.OVERRIDES_HASH, id);
    }

    public List<SessionOverride> all() {
        Map<String, String> raw = hash().hgetall(SessionRedisNames.OVERRIDES_HASH);
        List<SessionOverride> out = new ArrayList<>();
        raw.forEach((id, text) -> {
            try {
                out.add(json.readValue(text, SessionOverride.class));
            } catch (JsonProcessingException e) {
                // One corrupt entry must not hide the others; say which one so an operator can remove it.
                LOG.errorf(
                        "Ignoring unreadable override %s in %s: %s",
                        id, SessionRedisNames.OVERRIDES_HASH, e.getOriginalMessage());
            }
        });
        return out;
    }

    public void announce(OverrideChangedEvent event) {
        redis.pubsub(String.class).publish(SessionRedisNames.OVERRIDES_CHANNEL, write(event));
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
