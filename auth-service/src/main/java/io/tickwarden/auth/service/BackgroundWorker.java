package io.tickwarden.auth.service;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs auth's blocking broker work (Kite/Angel calls triggered by pub/sub messages or by start-up) off the
 * event loop, one task at a time and in submission order, so logins and token checks never race each other
 * and never pile up against the broker. It owns no thread: every task goes through ONE Vert.x context's
 * ordered {@code executeBlocking} queue, which runs on Quarkus's worker pool but never two tasks of the same
 * queue at once. A delayed task waits on a Vert.x timer, then joins the same queue.
 */
@Singleton
public class BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(BackgroundWorker.class);

    private final Vertx vertx;
    /** The one context whose ordered queue serialises every task (ordering is per context). */
    private final Context serial;

    private volatile boolean stopped;

    BackgroundWorker(Vertx vertx) {
        this.vertx = vertx;
        this.serial = vertx.getOrCreateContext();
    }

    public void execute(Runnable task) {
        if (stopped) {
            return;
        }
        serial.executeBlocking(
                () -> {
                    if (stopped) {
                        return null;
                    }
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        // one failed step must not stop the queue behind it
                        LOG.errorf(e, "Background task failed");
                    }
                    return null;
                },
                true);
    }

    public void schedule(Runnable task, Duration delay) {
        if (delay.toMillis() < 1) {
            execute(task);
            return;
        }
        vertx.setTimer(delay.toMillis(), id -> execute(task));
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }
}
