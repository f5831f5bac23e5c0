package io.tickwarden.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Sentinel set against the real binary: a SIGKILLed primary is replaced, twice, without losing a write. */
class RedisSentinelSetTest {

    private RedisSentinelSet set;

    @BeforeEach
    void start() {
        set = RedisSentinelSet.start();
    }

    @AfterEach
    void stop() {
        set.close();
    }

    @Test
    void replicaIsPromotedWhenThePrimaryIsKilledAndTheOldOneReturnsAsReplica() {
        assertEquals(3, set.sentinelUrls().size());
        int first = set.primaryPort();
        assertEquals("+OK", set.primary().command("SET", "k", "v1"));
        // The write reached the replica before the crash (WAIT 1: one replica acknowledged).
        assertEquals(":1", set.primary().command("WAIT", "1", "5000"));

        RedisServerProcess old = set.killPrimary();
        int second = set.awaitPromotion(first, Duration.ofSeconds(30));
        assertNotEquals(first, second);
        assertEquals("v1", set.primary().command("GET", "k"));

        set.restart(old);
        set.awaitHealthy();
        assertTrue(old.isRunning());
        // The old primary is back with the data (as the replica; on a saturated machine a 1 s down-after can fail
        // the set over once more, so which node is primary now is the Sentinels' word, not assumed).
        assertEquals("v1", set.replica().command("GET", "k"));
        int current = set.primaryPort();

        // And once more: the set is really healthy again, not just reporting so.
        assertEquals("+OK", set.primary().command("SET", "k", "v2"));
        assertEquals(":1", set.primary().command("WAIT", "1", "5000"));
        RedisServerProcess again = set.killPrimary();
        int third = set.awaitPromotion(current, Duration.ofSeconds(30));
        assertNotEquals(current, third);
        assertEquals("v2", set.primary().command("GET", "k"));
        set.restart(again);
        set.awaitHealthy();
    }
}
