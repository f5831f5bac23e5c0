package io.tickwarden.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The harness itself: a real redis-server that tests can crash and bring back, with or without its data. */
class RedisServerProcessTest {

    private RedisServerProcess redis;

    @BeforeEach
    void start() {
        redis = RedisServerProcess.startOnFreePort();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void binaryIsARealRedisServer() {
        assertTrue(Files.isExecutable(RedisServerBinary.resolve()));
        assertTrue(redis.command("INFO", "server").contains("redis_version:"));
    }

    @Test
    void killThenRestartKeepingData() {
        assertEquals("+OK", redis.command("SET", "k", "v"));
        redis.kill();
        assertFalse(redis.isRunning());
        assertThrows(UncheckedIOException.class, () -> redis.command("PING"));
        redis.start();
        assertEquals("v", redis.command("GET", "k"));
    }

    @Test
    void restartWithoutData() {
        redis.command("SET", "k", "v");
        redis.restart(false);
        assertTrue(redis.isRunning());
        assertNull(redis.command("GET", "k"));
        assertEquals(
                redis.port(), Integer.parseInt(redis.url().substring(redis.url().lastIndexOf(':') + 1)));
    }
}
