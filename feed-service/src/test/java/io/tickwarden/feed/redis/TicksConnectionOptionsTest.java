package io.tickwarden.feed.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed's own ticks connection goes where the Quarkus client goes: one server, or the Sentinels' primary. */
class TicksConnectionOptionsTest {

    @Test
    void standaloneIsTheOneServer() {
        RedisOptions o = TicksConnectionOptions.of(
                List.of("redis://redis:6379"), "standalone", "mymaster", "master", Duration.ofSeconds(1));
        assertEquals(RedisClientType.STANDALONE, o.getType());
        assertEquals(List.of("redis://redis:6379"), o.getEndpoints());
    }

    @Test
    void sentinelModeAsksEverySentinelForTheNamedPrimary() {
        List<String> sentinels = List.of("redis://s1:26379", "redis://s2:26379", "redis://s3:26379");
        RedisOptions o =
                TicksConnectionOptions.of(sentinels, "sentinel", "tickwarden", "master", Duration.ofMillis(250));
        assertEquals(RedisClientType.SENTINEL, o.getType());
        assertEquals(sentinels, o.getEndpoints());
        assertEquals("tickwarden", o.getMasterName());
        assertEquals(RedisRole.MASTER, o.getRole());
        assertEquals(250, o.getTopologyCacheTTL());
    }
}
