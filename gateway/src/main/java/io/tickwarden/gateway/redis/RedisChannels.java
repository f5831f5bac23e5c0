package io.tickwarden.gateway.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.session.SessionRedisNames;
import io.tickwarden.gateway.config.GatewayConfig;
import io.tickwarden.gateway.service.CandleSubscriptions;
import io.tickwarden.gateway.service.FanOut;
import io.tickwarden.gateway.service.HealthService;
import io.tickwarden.gateway.service.InstrumentCatalog;
import io.tickwarden.redis.ResilientSubscription;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's Redis subscriptions: {@code feed.ticks} to the fan-out, {@code feed.candles} to the candle
 * subscriptions, and the three change channels
 * ({@code market.session}, {@code auth.state}, {@code feed.state}) to a re-read of the snapshot keys. After every
 * (re-)subscribe the snapshots, the instrument list and our demand are re-synchronised, since anything published
 * while we were not subscribed is lost.
 */
@Singleton
public class RedisChannels {

    /** Re-subscribe backoff after Redis drops the subscription. */
    private static final Duration BACKOFF_INITIAL = Duration.ofMillis(200);

    private static final Duration BACKOFF_MAX = Duration.ofSeconds(5);

    private final ResilientSubscription subscriber;

    RedisChannels(
            ReactiveRedisDataSource redis,
            Vertx vertx,
            FanOut fanOut,
            HealthService health,
            InstrumentCatalog catalog,
            DemandPublisher demand,
            GatewayConfig config,
            CandleSubscriptions candles) {
        this.subscriber = new ResilientSubscription(
                redis,
                vertx.getDelegate(),
                List.of(
                        FeedRedisNames.TICKS_CHANNEL,
                        SessionRedisNames.MARKET_SESSION_CHANNEL,
                        AuthRedisNames.STATE_CHANNEL,
                        FeedRedisNames.STATE_CHANNEL,
                        FeedRedisNames.CANDLES_CHANNEL),
                BACKOFF_INITIAL,
                BACKOFF_MAX,
                (channel, message) -> {
                    if (FeedRedisNames.TICKS_CHANNEL.equals(channel)) {
                        fanOut.onMessage(message);
                    } else if (FeedRedisNames.CANDLES_CHANNEL.equals(channel)) {
                        candles.onMessage(message);
                    } else {
                        health.refresh().subscribe().with(c -> {}, e -> {});
                    }
                },
                () -> {
                    health.refresh().subscribe().with(c -> {}, e -> {});
                    if (catalog instanceof RedisInstrumentCatalog r) {
                        r.reloadInBackground();
                    }
                    demand.refreshAll();
                });
    }

    void start(@Observes StartupEvent e) {
        subscriber.start();
    }

    void stop(@Observes ShutdownEvent e) {
        subscriber.stop();
    }

    public boolean isSubscribed() {
        return subscriber.isSubscribed();
    }

    public long resubscribes() {
        return subscriber.resubscribes();
    }
}
