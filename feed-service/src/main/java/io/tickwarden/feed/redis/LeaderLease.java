package io.tickwarden.feed.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.feed.config.FeedConfig;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The leader lease: {@code feed:leader} holds the leader's instance id with a PX expiry. Acquire is
 * SET NX PX (or a renew when we already hold it, e.g. after a Redis restart that kept the key); renew and
 * release are compare-and-set Lua scripts, so a replica can never extend or delete another's lease. Each newly
 * acquired term takes the next value of {@code feed:leader:epoch} (the epoch of its ticks' sequence numbers).
 * Callers run on a worker thread; every call is bounded by {@code feed.redis.timeout}.
 */
@Singleton
public class LeaderLease {

    /** 1 when we hold (or just took) the lease: renews if ours, else SET NX PX. */
    static final String ACQUIRE = """
            local v = redis.call('GET', KEYS[1])
            if v == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 2
            end
            if v then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
            """;

    static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """;
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    /** Outcome of an acquire attempt. */
    public enum Acquire {
        NEW_TERM,
        ALREADY_OURS,
        HELD_BY_OTHER
    }

    private final RedisCalls calls;
    private final String instanceId;
    private final FeedConfig config;

    LeaderLease(RedisCalls calls, @Named("instanceId") String instanceId, FeedConfig config) {
        this.calls = calls;
        this.instanceId = instanceId;
        this.config = config;
    }

    public String instanceId() {
        return instanceId;
    }

    public Acquire tryAcquire() {
        long r = eval(ACQUIRE);
        return r == 1 ? Acquire.NEW_TERM : r == 2 ? Acquire.ALREADY_OURS : Acquire.HELD_BY_OTHER;
    }

    public boolean renew() {
        return eval(RENEW) == 1;
    }

    public boolean release() {
        return eval(RELEASE) == 1;
    }

    /** The next leader term number. */
    public long nextEpoch() {
        return calls.await(calls.reactive().value(Long.class).incr(FeedRedisNames.LEADER_EPOCH_KEY));
    }

    public String holder() {
        return calls.await(calls.reactive().value(String.class).get(FeedRedisNames.LEADER_KEY));
    }

    private long eval(String script) {
        ReactiveRedisDataSource redis = calls.reactive();
        Response r = calls.await(redis.execute(
                "EVAL",
                script,
                "1",
                FeedRedisNames.LEADER_KEY,
                instanceId,
                Long.toString(config.lease().ttl().toMillis())));
        return r == null ? 0 : r.toLong();
    }

    static List<String> scripts() {
        return List.of(ACQUIRE, RENEW, RELEASE);
    }
}
