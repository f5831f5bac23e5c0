package io.tickwarden.feed.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.redis.ResilientSubscription;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Keeps the feed's subscription to its input channels alive across Redis restarts (see
 * {@link ResilientSubscription}), with the backoff bounds of {@code feed.redis.resubscribe-*}. Stopped at shutdown.
 */
@Singleton
public class ChannelListener {

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final FeedConfig config;
    private volatile ResilientSubscription subscription;

    ChannelListener(ReactiveRedisDataSource redis, Vertx vertx, FeedConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
    }

    public synchronized void start(List<String> channels, BiConsumer<String, String> onMessage, Runnable onSubscribed) {
        subscription = new ResilientSubscription(
                redis,
                vertx,
                channels,
                config.redis().resubscribeInitial(),
                config.redis().resubscribeMax(),
                onMessage,
                onSubscribed);
        subscription.start();
    }

    public boolean isSubscribed() {
        ResilientSubscription s = subscription;
        return s != null && s.isSubscribed();
    }

    public synchronized void stop() {
        if (subscription != null) {
            subscription.stop();
        }
    }
}
