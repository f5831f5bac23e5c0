package io.tickwarden.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.Http;

/**
 * Polls /api/system/health every 100 ms from the moment a fault is injected (in its own thread, because some
 * injections block, e.g. a SIGTERM waits for the exit) and remembers when it first showed a problem.
 */
final class VisibilityWatch {

    private final Thread thread;
    private volatile Double visibleMs;
    private volatile String visibleAs;
    private volatile boolean running = true;
    private final long t0;

    VisibilityWatch(Cluster cluster, JsonNode baseline, long t0) {
        this.t0 = t0;
        thread = Thread.ofPlatform().daemon().name("soak-visibility").start(() -> {
            long deadline = t0 + 30_000_000_000L;
            // A problem counts once two consecutive readings show one: a single-reading blip (the control phase
            // measures how often a healthy system blips) must not pass for the fault being seen.
            Double firstMs = null;
            String firstAs = null;
            while (running && System.nanoTime() < deadline) {
                long at = System.nanoTime();
                Http.Response r = cluster.http().get(cluster.gatewayUrl() + "/api/system/health");
                String problem = HealthProbe.problem(r, baseline);
                if (problem != null && firstMs != null) {
                    visibleMs = firstMs;
                    visibleAs = firstAs;
                    return;
                }
                firstMs = problem == null ? null : (at - t0) / 1e6;
                firstAs = problem;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Blocks until the fault has been seen or {@code windowMs} have passed since the injection. */
    void awaitVisibleOrWindowEnd(long windowMs) {
        long end = t0 + windowMs * 1_000_000L;
        while (visibleMs == null && running && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(6000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Double visibleMs() {
        return visibleMs;
    }

    String visibleAs() {
        return visibleAs;
    }
}
