package io.tickwarden.feed.service;

import io.tickwarden.feed.config.FeedConfig;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The single-flight worker that runs the feed's control step every {@code feed.control-interval} and soon after
 * every {@link #kick()}: one run at a time on a Vert.x worker, one more if kicked meanwhile, so bursts of events
 * coalesce. Threading: lock-free; the running/again flags are atomics, the lifecycle flags volatile.
 */
@Singleton
public class ControlLoop {

    private static final Logger LOG = Logger.getLogger(ControlLoop.class);

    private final Vertx vertx;
    private final FeedConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean shuttingDown;
    private volatile boolean started;
    private volatile Runnable step = () -> {};
    /** Set and cancelled by Quarkus's startup/shutdown thread only. */
    private long periodicTimer = -1;

    ControlLoop(Vertx vertx, FeedConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    public void start(Runnable controlStep) {
        step = controlStep;
        started = true;
        // Vert.x timer, not @Scheduled: the periodic run is one more kick, coalesced with the event-driven kicks
        // from socket callbacks on the event loop, and it must start only once start() has the step.
        periodicTimer = vertx.setPeriodic(config.controlInterval().toMillis(), id -> kick());
    }

    /** No further runs start; a run in progress finishes (it checks {@link #shuttingDown()} itself). */
    public void stop() {
        shuttingDown = true;
        if (periodicTimer >= 0) {
            vertx.cancelTimer(periodicTimer);
        }
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** Runs the step soon on a worker; coalesces bursts (one run at a time, one more if asked meanwhile). */
    public void kick() {
        if (shuttingDown || !started) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        vertx.executeBlocking(
                () -> {
                    try {
                        do {
                            again.set(false);
                            try {
                                step.run();
                            } catch (RuntimeException e) {
                                LOG.errorf(e, "feed control step failed");
                            }
                        } while (again.get() && !shuttingDown);
                    } finally {
                        running.set(false);
                    }
                    return null;
                },
                false);
    }
}
