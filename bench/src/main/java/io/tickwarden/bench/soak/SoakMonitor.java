package io.tickwarden.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.bench.proc.ProcSampler;
import io.tickwarden.bench.system.Cluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the soak from the side four times a second: upstream sockets open at the sim (never more than the feed's
 * pool needs, which would mean two replicas hold sockets) and each process's RSS (first, last, max).
 */
final class SoakMonitor {

    private final Cluster cluster;
    private final int expectedSockets;
    private final List<String> violations;
    private final Map<String, Double> maxRss = new ConcurrentHashMap<>();
    private final Map<String, Double> firstRss = new ConcurrentHashMap<>();
    private final Map<String, Double> lastRss = new ConcurrentHashMap<>();
    private final AtomicInteger maxSockets = new AtomicInteger();
    /** When extra sockets are a fault's expected fence window (a frozen leader's beside its successor's). */
    private volatile java.util.function.LongPredicate overlapAllowed = t -> false;

    private final AtomicLong longestOverlapMs = new AtomicLong();
    private volatile long overlapSince = -1;

    SoakMonitor(Cluster cluster, int expectedSockets, List<String> violations) {
        this.cluster = cluster;
        this.expectedSockets = expectedSockets;
        this.violations = violations;
    }

    Map<String, Double> maxRss() {
        return maxRss;
    }

    Map<String, Double> firstRss() {
        return firstRss;
    }

    Map<String, Double> lastRss() {
        return lastRss;
    }

    void allowOverlap(java.util.function.LongPredicate allowedAt) {
        overlapAllowed = allowedAt;
    }

    /** The longest stretch with more sockets open at the sim than the pool needs (the fence window seen). */
    long longestOverlapMs() {
        return longestOverlapMs.get();
    }

    int maxSockets() {
        return maxSockets.get();
    }

    void run(long start, Duration max) {
        long deadline = start + max.toNanos();
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
            JsonNode stats = cluster.simStats();
            int open = stats.path("ws_connections_open").asInt(0);
            maxSockets.accumulateAndGet(open, Math::max);
            long now = System.nanoTime();
            if (open > expectedSockets) {
                overlapSince = overlapSince < 0 ? now : overlapSince;
                longestOverlapMs.accumulateAndGet((now - overlapSince) / 1_000_000 + 250, Math::max);
            } else {
                overlapSince = -1;
            }
            if (open > expectedSockets && !overlapAllowed.test(now)) {
                violations.add(Instant.now() + ": " + open + " upstream sockets open at the sim (the pool needs "
                        + expectedSockets + ")");
            }
            cluster.services().forEach((name, p) -> {
                long pid = p.pid();
                if (pid > 0) {
                    long kb = ProcSampler.rssKb(pid);
                    if (kb > 0) {
                        maxRss.merge(name, kb / 1024.0, Math::max);
                        firstRss.putIfAbsent(name, kb / 1024.0);
                        lastRss.put(name, kb / 1024.0);
                    }
                }
            });
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
