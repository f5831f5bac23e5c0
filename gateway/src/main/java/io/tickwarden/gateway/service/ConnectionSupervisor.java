package io.tickwarden.gateway.service;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.OpenConnections;
import io.tickwarden.contracts.gateway.GatewayCloseCodes;
import io.tickwarden.gateway.config.GatewayConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Tells every connection about status changes, sends the heartbeat, re-reads the health snapshots, and closes slow
 * consumers (checked every second; a blocked connection cannot grow meanwhile, its updates only coalesce).
 */
@Singleton
public class ConnectionSupervisor {

    /** The reason sent with 1001. */
    public static final String GOING_AWAY_REASON = "server shutting down";

    private static final Logger LOG = Logger.getLogger(ConnectionSupervisor.class);

    private final SessionRegistry sessions;
    private final HealthService health;
    private final StatusMessages messages;
    private final GatewayMetrics metrics;
    private final OpenConnections sockets;
    private final long slowTimeoutNanos;
    private final long shutdownGraceNanos;
    private volatile boolean goingAway;

    ConnectionSupervisor(
            SessionRegistry sessions,
            HealthService health,
            StatusMessages messages,
            GatewayMetrics metrics,
            OpenConnections sockets,
            GatewayConfig config) {
        this.sessions = sessions;
        this.health = health;
        this.messages = messages;
        this.metrics = metrics;
        this.sockets = sockets;
        this.slowTimeoutNanos = config.ws().slowConsumerTimeout().toNanos();
        this.shutdownGraceNanos = config.ws().shutdownGrace().toNanos();
    }

    void onStatusChanged(@Observes HealthService.StatusChanged changed) {
        String text = messages.connectionStatus(changed.current());
        for (ClientSession s : sessions.all()) {
            s.send(text);
        }
    }

    @Scheduled(
            every = "${gateway.ws.heartbeat-interval}",
            delayed = "${gateway.ws.heartbeat-interval}",
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

    /**
     * Tells every client to reconnect elsewhere (1001, going away) instead of seeing 1000 or a dropped socket, then
     * waits (at most {@code gateway.ws.shutdown-grace}) for the clients to answer, so the close handshakes finish
     * before the HTTP server goes.
     *
     * <p>This cannot be a {@code ShutdownEvent} observer, whatever its priority: Quarkus stops the Vert.x HTTP server
     * before it fires {@code ShutdownEvent} (shutdown tasks run in reverse order of registration, and the server's
     * task is registered after the one that fires the event), and closing the server closes every WebSocket with
     * Vert.x's default code 1000; an observer of {@code ShutdownEvent} only finds sockets that are already closing. {@link ShutdownDelayInitiatedEvent} is fired earlier, in the pre-shutdown phase, while the
     * server still serves; Quarkus fires it only when built with {@code quarkus.shutdown.delay-enabled=true} (set in
     * application.properties; the delay itself, {@code quarkus.shutdown.delay}, may stay unset). It is fired
     * synchronously on the shutdown thread, so waiting here holds the shutdown back.
     */
    void onShutdownInitiated(@Observes ShutdownDelayInitiatedEvent e) {
        goAway();
    }

    /** Closes every session with 1001; sessions opened from now on are closed at once. Returns when the sockets are. */
    void goAway() {
        goingAway = true;
        int closed = 0;
        for (ClientSession s : sessions.all()) {
            if (s.close(GatewayCloseCodes.GOING_AWAY, GOING_AWAY_REASON)) {
                closed++;
            }
        }
        long deadline = System.nanoTime() + shutdownGraceNanos;
        int open;
        // The sockets close on their event loops; nothing to wait on but their count, and this runs once.
        while ((open = openSockets()) > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        if (closed > 0 || open > 0) {
            LOG.infof("shutdown: closed %d client connection(s) with 1001; %d still open", closed, open);
        }
    }

    /** True once the gateway has started to shut down: new sessions are to be closed with 1001. */
    public boolean isGoingAway() {
        return goingAway;
    }

    private int openSockets() {
        int n = 0;
        for (var c : sockets) {
            if (c.isOpen()) {
                n++;
            }
        }
        return n;
    }

    /** Closes a client that stayed over its limit; true when it was closed now. */
    public boolean closeIfSlow(ClientSession s) {
        if (!s.isClosing() && s.outbox().isSlow(slowTimeoutNanos)) {
            Outbox.Depth d = s.outbox().depth();
            // Read before close(), which empties the outbox.
            String reason = s.outbox().slowReason();
            if (s.close(GatewayCloseCodes.SLOW_CONSUMER, reason)) {
                metrics.slowClose();
                LOG.infof(
                        "closed slow consumer %s (delivery=%s, %d pending, %d bytes unwritten)",
                        s.id(), s.outbox().delivery().wire(), d.pendingTicks() + d.pendingControl(), d.inflightBytes());
            }
            return true;
        }
        return false;
    }
}
