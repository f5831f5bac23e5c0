package io.tickwarden.smartapisim.service;

import io.tickwarden.smartapisim.config.SimConfig;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Angel's per-second limit on the quote endpoint, per api key: at most N requests in any sliding second. Refused
 * requests do not count. Wall time (monotonic), not the sim clock.
 */
@Singleton
public class QuoteRateLimiter {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final Map<String, Deque<Long>> recent = new ConcurrentHashMap<>();
    private volatile int perSecond;

    QuoteRateLimiter(SimConfig config) {
        this.perSecond = (int) Math.max(1, Math.floor(config.quoteRequestsPerSecond()));
    }

    public boolean tryAcquire(String apiKey) {
        long now = System.nanoTime();
        Deque<Long> times = recent.computeIfAbsent(apiKey, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() >= SECOND_NANOS) {
                times.pollFirst();
            }
            if (times.size() >= perSecond) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    public int perSecond() {
        return perSecond;
    }

    /** {@code POST /sim/quote-rate}: tests lower it to hit the limit without hammering. */
    public void setPerSecond(int n) {
        perSecond = Math.max(1, n);
    }

    public void reset() {
        recent.clear();
    }
}
