package io.tickwarden.feed.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.Backoff;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * Keeps a subscription to the feed's input channels alive. The Quarkus pub/sub client does not re-subscribe
 * after a Redis restart: the subscription just ends. So an end or an error is a failure, and we subscribe again
 * with jittered backoff, then tell the owner ({@code onSubscribed}) so it re-reads the snapshot keys it may have
 * missed changes of. Stopped at shutdown.
 */
@Singleton
public class ChannelListener {

    private static final Logger LOG = Logger.getLogger(ChannelListener.class);

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final Backoff backoff;
    private List<String> channels;
    private BiConsumer<String, String> onMessage;
    private Runnable onSubscribed;
    private ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
    private long generation;
    private volatile boolean stopped;
    private volatile boolean subscribed;
    private boolean failureLogged;

    ChannelListener(ReactiveRedisDataSource redis, Vertx vertx, FeedConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.backoff = new Backoff(config.redis().resubscribeInitial(), config.redis().resubscribeMax(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public synchronized void start(List<String> channels, BiConsumer<String, String> onMessage, Runnable onSubscribed) {
        this.channels = List.copyOf(channels);
        this.onMessage = onMessage;
        this.onSubscribed = onSubscribed;
        subscribe();
    }

    public boolean isSubscribed() {
        return subscribed;
    }

    private synchronized void subscribe() {
        if (stopped) {
            return;
        }
        long gen = ++generation;
        redis.pubsub(String.class)
                .subscribe(channels, (channel, message) -> onMessage.accept(channel, message),
                        () -> failed(gen, "subscription ended"),
                        e -> failed(gen, e.toString()))
                .subscribe().with(s -> subscribedOk(gen, s), e -> failed(gen, e.toString()));
    }

    private void subscribedOk(long gen, ReactivePubSubCommands.ReactiveRedisSubscriber s) {
        synchronized (this) {
            if (gen != generation || stopped) {
                s.unsubscribe().subscribe().with(x -> { }, e -> { });
                return;
            }
            subscriber = s;
            subscribed = true;
            backoff.reset();
            if (failureLogged) {
                LOG.infof("re-subscribed to %s", channels);
                failureLogged = false;
            }
        }
        onSubscribed.run();
    }

    private synchronized void failed(long gen, String why) {
        if (gen != generation || stopped) {
            return;
        }
        generation++;
        subscribed = false;
        subscriber = null;
        long delay = Math.max(1, backoff.next().toMillis());
        if (!failureLogged) {
            LOG.warnf("Redis subscription to %s lost (%s); re-subscribing with backoff", channels, why);
            failureLogged = true;
        }
        vertx.setTimer(delay, id -> subscribe());
    }

    public synchronized void stop() {
        stopped = true;
        subscribed = false;
        if (subscriber != null) {
            subscriber.unsubscribe().subscribe().with(x -> { }, e -> { });
            subscriber = null;
        }
    }
}
