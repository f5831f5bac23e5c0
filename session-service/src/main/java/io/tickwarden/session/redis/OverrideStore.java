package io.tickwarden.session.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.tickwarden.contracts.session.OverrideChangedEvent;
import io.tickwarden.contracts.session.SessionRedisNames;
import io.tickwarden.redis.ReplicaAck;
import io.tickwarden.session.domain.SessionOverride;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps overrides in a Redis hash so that a restarted service (or a second instance) gets them back. Adding or
 * removing one waits for a replica in Sentinel mode ({@link ReplicaAck}): a lost add is re-asserted from memory by
 * {@code OverrideService.syncFromRedis}, but a lost delete would be merged back in from Redis by that same union.
 */
@Singleton
public class OverrideStore {

    private static final Logger LOG = Logger.getLogger(OverrideStore.class);

    private final RedisDataSource redis;
    private final ObjectMapper json;
    private final ReplicaAck replicaAck;

    public OverrideStore(
            RedisDataSource redis,
            ObjectMapper json,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
            MeterRegistry registry) {
        this.redis = redis;
        this.json = json;
        this.replicaAck = new ReplicaAck(clientType, ReplicaAck.DEFAULT_TIMEOUT);
        FunctionCounter.builder("redis_writes_unreplicated", replicaAck, ReplicaAck::unacknowledged)
                .description("writes that must survive a Sentinel failover but no replica acknowledged in time "
                        + "(WAIT 1)")
                .tag("write", "session_overrides")
                .register(registry);
    }

    private HashCommands<String, String, String> hash() {
        return redis.hash(String.class);
    }

    public void put(SessionOverride o) {
        String raw = write(o);
        replicaAck.write(
                redis,
                "override " + o.id() + " (" + SessionRedisNames.OVERRIDES_HASH + ")",
                ds -> ds.hash(String.class).hset(SessionRedisNames.OVERRIDES_HASH, o.id(), raw));
    }

    public void delete(String id) {
        replicaAck.write(
                redis,
                "the removal of override " + id + " (" + SessionRedisNames.OVERRIDES_HASH + ")",
                ds -> ds.hash(String.class).hdel(SessionRedisNames.OVERRIDES_HASH, id));
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
