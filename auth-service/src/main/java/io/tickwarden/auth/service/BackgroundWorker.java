package io.tickwarden.auth.service;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One daemon thread for blocking work that must not run on a Vert.x event loop (Kite calls triggered by
 * pub/sub messages or by start-up). A single thread is enough and keeps Kite calls from piling up.
 */
@Singleton
public class BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(BackgroundWorker.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "auth-worker-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    public void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    public void schedule(Runnable task, Duration delay) {
        if (executor.isShutdown()) {
            return;
        }
        executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a failed background step must not kill the only worker thread
                LOG.errorf(e, "Background task failed");
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
