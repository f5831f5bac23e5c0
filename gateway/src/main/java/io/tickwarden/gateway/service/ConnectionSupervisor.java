package io.tickwarden.gateway.service;

import io.quarkus.scheduler.Scheduled;
import io.tickwarden.contracts.gateway.GatewayCloseCodes;
import io.tickwarden.gateway.config.GatewayConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Tells every connection about status changes, sends the heartbeat, re-reads the health snapshots, and closes slow
 * consumers (checked every second; a blocked connection cannot grow meanwhile, its updates only coalesce).
 */
@Singleton
public class ConnectionSupervisor {

    private static final Logger LOG = Logger.getLogger(ConnectionSupervisor.class);

    private final SessionRegistry sessions;
    private final HealthService health;
    private final StatusMessages messages;
    private final GatewayMetrics metrics;
    private final long slowTimeoutNanos;

    ConnectionSupervisor(SessionRegistry sessions, HealthService health, StatusMessages messages,
                         GatewayMetrics metrics, GatewayConfig config) {
        this.sessions = sessions;
        this.health = health;
        this.messages = messages;
        this.metrics = metrics;
        this.slowTimeoutNanos = config.ws().slowConsumerTimeout().toNanos();
    }

    void onStatusChanged(@Observes HealthService.StatusChanged changed) {
        String text = messages.connectionStatus(changed.current());
        for (ClientSession s : sessions.all()) {
            s.send(text);
        }
    }

    @Scheduled(every = "${gateway.ws.heartbeat-interval}", delayed = "${gateway.ws.heartbeat-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        String text = messages.heartbeat(health.current(), sessions.size());
        for (ClientSession s : sessions.all()) {
            s.send(text);
        }
    }

    @Scheduled(every = "${gateway.health.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    io.smallrye.mutiny.Uni<Void> poll() {
        return health.refresh().replaceWithVoid();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (ClientSession s : sessions.all()) {
            closeIfSlow(s);
        }
    }

    /** Tells clients to reconnect elsewhere instead of seeing a dropped socket. */
    void onShutdown(@Observes io.quarkus.runtime.ShutdownEvent e) {
        for (ClientSession s : sessions.all()) {
            s.close(GatewayCloseCodes.GOING_AWAY, "server shutting down");
        }
    }

    /** Closes a client that stayed over its limit; true when it was closed now. */
    public boolean closeIfSlow(ClientSession s) {
        if (!s.isClosing() && s.outbox().isSlow(slowTimeoutNanos)) {
            Outbox.Depth d = s.outbox().depth();
            if (s.close(GatewayCloseCodes.SLOW_CONSUMER, "slow consumer: socket not drained")) {
                metrics.slowClose();
                LOG.infof("closed slow consumer %s (%d pending, %d bytes unwritten)", s.id(),
                        d.pendingTicks() + d.pendingControl(), d.inflightBytes());
            }
            return true;
        }
        return false;
    }
}
