package io.tickwarden.bench.soak;

import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.Waits;
import io.tickwarden.testing.RedisSentinelSet;
import java.time.Duration;

/**
 * The soak's {@code sentinel_failover} fault (a cluster started with {@code --sentinel}): SIGKILL of the Redis
 * primary, then the wait for the Sentinels to promote the replica, then the old primary back as a replica. The fault
 * "ends" at the promotion: from there on the services must find the new primary by themselves.
 */
final class SentinelFailoverFault {

    private static final Duration PROMOTION_WAIT = Duration.ofSeconds(60);

    private long lastFailoverNanos;

    /** Injects one failover; returns a note for the fault log (the promotion time). */
    String inject(Cluster cluster) {
        if (!cluster.redis().sentinelMode()) {
            return "skipped: Redis is not a Sentinel set (run the soak with --sentinel)";
        }
        RedisSentinelSet set = cluster.redis().sentinelSet();
        set.awaitHealthy();
        // Sentinel fails the same set over again only 2 x failover-timeout after its previous failover.
        long wait = lastFailoverNanos + 2L * RedisSentinelSet.FAILOVER_TIMEOUT_MS * 1_000_000L - System.nanoTime();
        if (lastFailoverNanos != 0 && wait > 0) {
            Waits.sleep(wait / 1_000_000L + 1);
        }
        // The clients' ledgers put a hole under the fault during which its symbol's last tick before the hole came:
        // let every symbol tick once under this fault's label (set just before), or the holes of the failover are
        // charged to the previous fault (seen in the first 10-minute soak).
        Waits.sleep(Math.max(1000, (long) Math.ceil(2000 / cluster.config().ticksPerSecond())));
        int old = set.primaryPort();
        long t0 = System.nanoTime();
        cluster.redis().kill();
        lastFailoverNanos = t0;
        int now = set.awaitPromotion(old, PROMOTION_WAIT);
        long promotedMs = (System.nanoTime() - t0) / 1_000_000L;
        cluster.redis().start();
        return "primary " + old + " killed; " + now + " promoted after " + promotedMs + " ms; old one back as replica";
    }
}
