package io.tickwarden.gateway.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.vertx.mutiny.core.Vertx;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * One Redis pub/sub subscription that survives Redis restarts. The Quarkus client does not re-subscribe when the
 * connection drops (the stream just ends), so an end or an error is treated as a failure: re-subscribe with
 * jittered exponential backoff, then call {@code onSubscribed} so the owner re-reads the snapshot keys it may
 * have missed changes of.
 */
public final class ChannelSubscriber {

    private static final Logger LOG = Logger.getLogger(ChannelSubscriber.class);
    private static final long BACKOFF_INITIAL_MS = 200;
    private static final long BACKOFF_MAX_MS = 5_000;

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final List<String> channels;
    private final BiConsumer<String, String> onMessage;
    private final Runnable onSubscribed;
    private ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
    private long generation;
    private long backoffMs = BACKOFF_INITIAL_MS;
    private boolean stopped;
    private volatile boolean subscribed;
    private boolean failureLogged;
    private volatile long resubscribes;

    public ChannelSubscriber(ReactiveRedisDataSource redis, Vertx vertx, List<String> channels,
                             BiConsumer<String, String> onMessage, Runnable onSubscribed) {
        this.redis = redis;
        this.vertx = vertx;
        this.channels = List.copyOf(channels);
        this.onMessage = onMessage;
        this.onSubscribed = onSubscribed;
    }

    public synchronized void start() {
        stopped = false;
        subscribe();
    }

    public boolean isSubscribed() {
        return subscribed;
    }

    public long resubscribes() {
        return resubscribes;
    }

    private synchronized void subscribe() {
        if (stopped) {
            return;
        }
        long gen = ++generation;
        redis.pubsub(String.class)
                .subscribe(channels, (channel, message) -> deliver(channel, message),
                        () -> failed(gen, "subscription ended"),
                        e -> failed(gen, e.toString()))
                .subscribe().with(s -> subscribedOk(gen, s), e -> failed(gen, e.toString()));
    }

    private void deliver(String channel, String message) {
        try {
            onMessage.accept(channel, message);
        } catch (RuntimeException e) {
            // A bad message must never end the subscription.
            LOG.warnf("message on %s not handled: %s", channel, e.toString());
        }
    }

    private void subscribedOk(long gen, ReactivePubSubCommands.ReactiveRedisSubscriber s) {
        synchronized (this) {
            if (gen != generation || stopped) {
                s.unsubscribe().subscribe().with(x -> { }, e -> { });
                return;
            }
            subscriber = s;
            subscribed = true;
            backoffMs = BACKOFF_INITIAL_MS;
            if (failureLogged) {
                LOG.infof("re-subscribed to %s", channels);
                failureLogged = false;
                resubscribes++;
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
        long delay = Math.max(1, (long) (backoffMs * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5)));
        backoffMs = Math.min(BACKOFF_MAX_MS, backoffMs * 2);
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
