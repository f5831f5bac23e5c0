package io.tickwarden.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * One Redis pub/sub subscription that survives Redis restarts and Sentinel failovers. The Quarkus client does not
 * re-subscribe when the connection drops (the stream just ends), so an end or an error is a failure: subscribe
 * again (steady retries for {@link #STEADY_RETRY_WINDOW}, then jittered exponential backoff: {@link
 * ResubscribeBackoff}), then call {@code onSubscribed} so the owner re-reads the snapshot keys whose changes it may
 * have missed. A handler that throws never ends the subscription. {@link #stop()} at shutdown.
 *
 * <p>Every attempt opens a new connection with {@code Redis.connect()}; in Sentinel mode
 * ({@code quarkus.redis.client-type=sentinel}) that asks the Sentinels for the current primary (their answer cached
 * for {@code quarkus.redis.topology-cache-ttl}), so a re-subscribe after a failover reaches the promoted replica.
 * Leave {@code quarkus.redis.auto-failover} off: it swaps a connection's socket on {@code +switch-master} without
 * subscribing again on the new one, which would leave this subscription silently deaf.
 */
public final class ResilientSubscription {

    private static final Logger LOG = Logger.getLogger(ResilientSubscription.class);

    /**
     * After a loss, retry at the initial backoff this long before backing off: covers a Sentinel failover (down-after
     * plus the promotion, a few seconds) and a quick Redis restart, at a few cheap attempts a second.
     */
    public static final Duration STEADY_RETRY_WINDOW = Duration.ofSeconds(10);

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final List<String> channels;
    private final BiConsumer<String, String> onMessage;
    private final Runnable onSubscribed;
    private final ResubscribeBackoff backoff;
    private ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
    private long generation;
    /** {@link System#nanoTime()} when the subscription (or the first attempt) was lost; 0 while subscribed. */
    private long lostAtNanos;

    private boolean stopped;
    private volatile boolean subscribed;
    private boolean failureLogged;
    private volatile long resubscribes;

    public ResilientSubscription(
            ReactiveRedisDataSource redis,
            Vertx vertx,
            List<String> channels,
            Duration initialBackoff,
            Duration maxBackoff,
            BiConsumer<String, String> onMessage,
            Runnable onSubscribed) {
        this.redis = redis;
        this.vertx = vertx;
        this.channels = List.copyOf(channels);
        this.onMessage = onMessage;
        this.onSubscribed = onSubscribed;
        this.backoff = new ResubscribeBackoff(
                initialBackoff.toMillis(), maxBackoff.toMillis(), STEADY_RETRY_WINDOW.toMillis());
    }

    public synchronized void start() {
        stopped = false;
        subscribe();
    }

    public boolean isSubscribed() {
        return subscribed;
    }

    /** How many times the subscription was lost and then restored. */
    public long resubscribes() {
        return resubscribes;
    }

    public List<String> channels() {
        return channels;
    }

    private synchronized void subscribe() {
        if (stopped) {
            return;
        }
        long gen = ++generation;
        redis.pubsub(String.class)
                .subscribe(
                        channels,
                        this::deliver,
                        () -> failed(gen, "subscription ended"),
                        e -> failed(gen, e.toString()))
                .subscribe()
                .with(s -> subscribedOk(gen, s), e -> failed(gen, e.toString()));
    }

    private void deliver(String channel, String message) {
        try {
            onMessage.accept(channel, message);
        } catch (RuntimeException e) {
            LOG.warnf("message on %s not handled: %s", channel, e.toString());
        }
    }

    private void subscribedOk(long gen, ReactivePubSubCommands.ReactiveRedisSubscriber s) {
        synchronized (this) {
            if (gen != generation || stopped) {
                s.unsubscribe().subscribe().with(x -> {}, e -> {});
                return;
            }
            subscriber = s;
            subscribed = true;
            lostAtNanos = 0;
            backoff.reset();
            if (failureLogged) {
                LOG.infof("re-subscribed to %s", channels);
                failureLogged = false;
                resubscribes++;
            }
        }
        try {
            onSubscribed.run();
        } catch (RuntimeException e) {
            LOG.warnf("after subscribing to %s: %s", channels, e.toString());
        }
    }

    private synchronized void failed(long gen, String why) {
        if (gen != generation || stopped) {
            return;
        }
        generation++;
        subscribed = false;
        subscriber = null;
        long now = System.nanoTime();
        if (lostAtNanos == 0) {
            lostAtNanos = now;
        }
        long delay = backoff.next(
                (now - lostAtNanos) / 1_000_000, ThreadLocalRandom.current().nextDouble());
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
            subscriber.unsubscribe().subscribe().with(x -> {}, e -> {});
            subscriber = null;
        }
    }
}
