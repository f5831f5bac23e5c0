package io.tickwarden.auth.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.service.BackgroundWorker;
import io.tickwarden.auth.service.ReportHandler;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.auth.AuthReport;
import io.tickwarden.redis.ResilientSubscription;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Listens on {@code auth.reports} for as long as the service runs, re-subscribing after Redis restarts (see
 * {@link ResilientSubscription}). Reports are handled off the event loop, since handling may call Kite.
 */
@Singleton
public class ReportSubscriber {

    private static final Logger LOG = Logger.getLogger(ReportSubscriber.class);

    private final ObjectMapper json;
    private final ReportHandler handler;
    private final BackgroundWorker worker;
    private final ResilientSubscription subscription;

    ReportSubscriber(
            ReactiveRedisDataSource redis,
            ObjectMapper json,
            ReportHandler handler,
            BackgroundWorker worker,
            Vertx vertx,
            AuthConfig config) {
        this.json = json;
        this.handler = handler;
        this.worker = worker;
        this.subscription = new ResilientSubscription(
                redis,
                vertx,
                List.of(AuthRedisNames.REPORTS_CHANNEL),
                config.resubscribeInitial(),
                config.resubscribeMax(),
                (channel, message) -> onMessage(message),
                () -> LOG.infof("Listening for token reports on %s", AuthRedisNames.REPORTS_CHANNEL));
    }

    void onStart(@Observes StartupEvent event) {
        subscription.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        subscription.stop();
    }

    /** True while a subscription is believed to be live (readiness). */
    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    private void onMessage(String raw) {
        AuthReport report;
        try {
            report = json.readValue(raw, AuthReport.class);
        } catch (Exception e) {
            LOG.warnf("Ignoring a malformed message on %s", AuthRedisNames.REPORTS_CHANNEL);
            return;
        }
        worker.execute(() -> handler.onReport(report));
    }
}
