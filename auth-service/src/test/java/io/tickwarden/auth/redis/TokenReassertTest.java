package io.tickwarden.auth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.testing.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token's re-assertion from auth's memory ({@link TokenStore#REASSERT}) on a real Redis: it puts the token back
 * when a failover lost it or left an older version, and never overwrites the same or a newer one.
 */
class TokenReassertTest {

    private static RedisServerProcess redis;

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.startOnFreePort();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private static String reassert(long version) {
        String json = "{\"token_version\":" + version + ",\"ciphertext\":\"tw1.k1.v" + version + "\"}";
        long exat = System.currentTimeMillis() / 1000 + 3600;
        return redis.command(
                "EVAL",
                TokenStore.REASSERT,
                "1",
                AuthRedisNames.TOKEN_KEY,
                json,
                Long.toString(version),
                Long.toString(exat));
    }

    private static String stored() {
        return redis.command("GET", AuthRedisNames.TOKEN_KEY);
    }

    @Test
    void missingOrOlderIsWrittenSameOrNewerIsKept() {
        redis.command("DEL", AuthRedisNames.TOKEN_KEY);
        assertEquals(":1", reassert(5), "missing: written");
        assertTrue(stored().contains("\"token_version\":5"));
        assertTrue(Long.parseLong(redis.command("TTL", AuthRedisNames.TOKEN_KEY).substring(1)) > 3000);

        redis.command("SET", AuthRedisNames.TOKEN_KEY, "{\"token_version\":4,\"ciphertext\":\"tw1.k1.v4\"}");
        assertEquals(":1", reassert(5), "an older version (a failover lost the last write): replaced");
        assertTrue(stored().contains("\"token_version\":5"));

        assertEquals(":0", reassert(5), "the same version: untouched");
        redis.command("SET", AuthRedisNames.TOKEN_KEY, "{\"token_version\":7,\"ciphertext\":\"tw1.k1.v7\"}");
        assertEquals(":0", reassert(5), "a newer token (another login): never overwritten");
        assertTrue(stored().contains("\"token_version\":7"));
    }
}
