package io.tickwarden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.tickwarden.testing.RedisSentinelSet;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WAIT 1 against a real primary and replica, through a client in Sentinel mode as the services build it: a write the
 * replica acknowledged is on the replica; with the replica gone the write stands on the primary and is counted.
 */
class ReplicaAckTest {

    private static RedisSentinelSet set;
    private static Vertx vertx;
    private static Redis client;
    private static RedisDataSource redis;

    @BeforeAll
    static void start() {
        set = RedisSentinelSet.start();
        vertx = Vertx.vertx();
        RedisOptions options = new RedisOptions()
                .setType(RedisClientType.SENTINEL)
                .setMasterName(RedisSentinelSet.MASTER_NAME)
                .setRole(RedisRole.MASTER);
        set.sentinelUrls().forEach(options::addConnectionString);
        client = Redis.createClient(vertx, options);
        redis = new BlockingRedisDataSourceImpl(vertx, client, RedisAPI.api(client), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (vertx != null) {
            vertx.closeAndAwait();
        }
        if (set != null) {
            set.close();
        }
    }

    @Test
    void aWriteTheReplicaAcknowledgedIsOnTheReplicaAndOneWithoutReplicaIsCountedNotFailed() {
        ReplicaAck ack = new ReplicaAck("sentinel", Duration.ofSeconds(5));
        assertTrue(ack.enabled());
        assertTrue(ack.write(redis, "k1", ds -> ds.value(String.class).set("k1", "v1")));
        // Acknowledged means already applied on the replica: read it there, not from the primary.
        assertEquals("v1", set.replica().command("GET", "k1"));
        assertEquals(0, ack.unacknowledged());

        set.replica().kill();
        ReplicaAck quick = new ReplicaAck("sentinel", Duration.ofMillis(300));
        assertFalse(quick.write(redis, "k2", ds -> ds.value(String.class).set("k2", "v2")));
        assertEquals(1, quick.unacknowledged());
        assertEquals("v2", set.primary().command("GET", "k2"));

        // Standalone mode never waits: there is no replica to wait for.
        ReplicaAck standalone = new ReplicaAck("standalone", Duration.ofSeconds(5));
        assertFalse(standalone.enabled());
        assertTrue(standalone.write(redis, "k3", ds -> ds.value(String.class).set("k3", "v3")));
        assertEquals(0, standalone.unacknowledged());
    }
}
