package io.tickwarden.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A write that must survive a Sentinel failover: Redis replicates asynchronously, so the last writes before the
 * primary dies can be missing on the promoted replica. In Sentinel mode ({@code quarkus.redis.client-type=sentinel})
 * the write runs on one connection followed by {@code WAIT 1 <timeout>} on that same connection (WAIT covers the
 * writes its own connection made, so it cannot go through the pool separately). When no replica acknowledges in
 * time the write still stands on the primary: that is counted ({@link #unacknowledged()}) and logged with what to
 * check, never an error for the caller. Standalone Redis has no replica to wait for, so there it is a plain write.
 */
public final class ReplicaAck {

    private static final Logger LOG = Logger.getLogger(ReplicaAck.class);

    /**
     * How long a write waits for the replica: a loopback or in-cluster replica acknowledges in milliseconds; kept
     * well below the services' {@code quarkus.redis.timeout} (3 s) so the WAIT command itself never times out.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private final boolean enabled;
    private final Duration timeout;
    private final LongAdder unacknowledged = new LongAdder();
    private final AtomicBoolean warned = new AtomicBoolean();

    public ReplicaAck(String clientType, Duration timeout) {
        this.enabled = "sentinel".equals(clientType.trim().toLowerCase(Locale.ROOT));
        this.timeout = timeout;
    }

    /** Whether writes wait for a replica (Sentinel mode). */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Runs {@code write} (against the data source it is given: one connection) and, in Sentinel mode, waits up to
     * the timeout for one replica to acknowledge it. Returns false only when no replica acknowledged in time.
     */
    public boolean write(RedisDataSource redis, String what, Consumer<RedisDataSource> write) {
        if (!enabled) {
            write.accept(redis);
            return true;
        }
        int[] replicas = {0};
        redis.withConnection(connection -> {
            write.accept(connection);
            replicas[0] = connection
                    .execute("WAIT", "1", Long.toString(timeout.toMillis()))
                    .toInteger();
        });
        if (replicas[0] >= 1) {
            if (warned.compareAndSet(true, false)) {
                LOG.infof("%s: a replica acknowledges writes again", what);
            }
            return true;
        }
        unacknowledged.increment();
        if (warned.compareAndSet(false, true)) {
            LOG.warnf(
                    "%s was written to the Redis primary but no replica acknowledged it within %d ms: a failover now "
                            + "could lose it (its owner re-asserts it from memory). Check the replica: INFO replication "
                            + "on the primary (connected_slaves), SENTINEL REPLICAS on a Sentinel",
                    what, timeout.toMillis());
        }
        return false;
    }

    /** Writes no replica acknowledged in time, since start. */
    public long unacknowledged() {
        return unacknowledged.sum();
    }
}
