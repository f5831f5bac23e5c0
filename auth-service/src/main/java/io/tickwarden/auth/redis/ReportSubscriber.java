package io.tickwarden.auth.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.service.BackgroundWorker;
import io.tickwarden.auth.service.ReportHandler;
import io.tickwarden.contracts.auth.AuthReport;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens on {@code auth.reports}. Redis pub/sub does not re-subscribe by itself after Redis restarts: the
 * subscription just ends. So an end or a failure schedules a new subscription with exponential back-off,
 * for as long as the service runs.
 */
@Singleton
public class ReportSubscriber {

    private static final Logger LOG = Logger.getLogger(ReportSubscriber.class);
    private static final long HEALTHY_AFTER_MS = 10_000;

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final ReportHandler handler;
    private final BackgroundWorker worker;
    private final Vertx vertx;
    private final long initialDelayMs;
    private final long maxDelayMs;

    /** Each subscription attempt gets a number; callbacks of an older attempt are ignored. */
    private final AtomicLong attempt = new AtomicLong();
    private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
    private volatile boolean subscribed;
    private volatile boolean stopped;
    private long delayMs;
    private long subscribedAtMs;

    ReportSubscriber(ReactiveRedisDataSource redis, ObjectMapper json, ReportHandler handler, BackgroundWorker worker,
                     Vertx vertx, AuthConfig config) {
        this.redis = redis;
        this.json = json;
        this.handler = handler;
        this.worker = worker;
        this.vertx = vertx;
        this.initialDelayMs = config.resubscribeInitial().toMillis();
        this.maxDelayMs = config.resubscribeMax().toMillis();
        this.delayMs = initialDelayMs;
    }

    void onStart(@Observes StartupEvent event) {
        subscribe();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        ReactivePubSubCommands.ReactiveRedisSubscriber s = subscriber;
        if (s != null) {
            s.unsubscribe().subscribe().with(x -> { }, e -> { });
        }
    }

    /** True while a subscription is believed to be live (readiness). */
    public boolean isSubscribed() {
        return subscribed;
    }

    private void subscribe() {
        if (stopped) {
            return;
        }
        long mine = attempt.incrementAndGet();
        redis.pubsub(String.class)
                .subscribe(AuthReport.CHANNEL,
                        message -> onMessage(message),
                        () -> onLost(mine, "ended (Redis restarted or closed the connection)"),
                        failure -> onLost(mine, "failed: " + failure.getMessage()))
                .subscribe().with(s -> {
                    if (attempt.get() != mine) {
                        s.unsubscribe().subscribe().with(x -> { }, e -> { });
                        return;
                    }
                    subscriber = s;
                    subscribed = true;
                    synchronized (this) {
                        subscribedAtMs = System.currentTimeMillis();
                    }
                    LOG.infof("Listening for token reports on %s", AuthReport.CHANNEL);
                }, failure -> onLost(mine, "could not subscribe: " + failure.getMessage()));
    }

    private void onLost(long which, String why) {
        if (stopped || !attempt.compareAndSet(which, which + 1)) {
            return; // shutting down, or this attempt was already replaced
        }
        subscribed = false;
        subscriber = null;
        long wait;
        synchronized (this) {
            if (subscribedAtMs > 0 && System.currentTimeMillis() - subscribedAtMs > HEALTHY_AFTER_MS) {
                delayMs = initialDelayMs; // it had been working: start the back-off over
            }
            subscribedAtMs = 0;
            wait = delayMs;
            delayMs = Math.min(maxDelayMs, delayMs * 2);
        }
        LOG.warnf("Subscription to %s %s; re-subscribing in %d ms", AuthReport.CHANNEL, why, wait);
        vertx.setTimer(Math.max(1, wait), id -> subscribe());
    }

    private void onMessage(String raw) {
        AuthReport report;
        try {
            report = json.readValue(raw, AuthReport.class);
        } catch (Exception e) {
            LOG.warnf("Ignoring a malformed message on %s", AuthReport.CHANNEL);
            return;
        }
        // Off the event loop: handling may call Kite.
        worker.execute(() -> handler.onReport(report));
    }
}
