package io.tickwarden.feed.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tickwarden.feed.config.FeedConfig;
import jakarta.inject.Singleton;

/**
 * Blocking Redis calls for the supervisor's worker thread, each bounded by {@code feed.redis.timeout} so a Redis
 * outage delays a control step by at most that (and the lease fencing still runs on time).
 */
@Singleton
public class RedisCalls {

    private final ReactiveRedisDataSource redis;
    private final FeedConfig config;

    RedisCalls(ReactiveRedisDataSource redis, FeedConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public ReactiveRedisDataSource reactive() {
        return redis;
    }

    public <T> T await(Uni<T> uni) {
        return uni.await().atMost(config.redis().timeout());
    }
}
