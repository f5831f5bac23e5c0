package io.tickwarden.kitesim.service;

import io.tickwarden.kitesim.config.SimConfig;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Kite's 1 request/s per api_key on the quote endpoints: a token bucket of capacity one per api_key. */
@Singleton
public class QuoteRateLimiter {

    private final Map<String, Long> nextAllowedNanos = new ConcurrentHashMap<>();
    private final long intervalNanos;

    QuoteRateLimiter(SimConfig config) {
        this.intervalNanos = (long) (1_000_000_000L / config.quoteRequestsPerSecond());
    }

    public boolean tryAcquire(String apiKey) {
        long now = System.nanoTime();
        boolean[] allowed = {false};
        nextAllowedNanos.compute(apiKey, (k, next) -> {
            if (next == null || now - next >= 0) {
                allowed[0] = true;
                return now + intervalNanos;
            }
            return next;
        });
        return allowed[0];
    }

    public void reset() {
        nextAllowedNanos.clear();
    }
}
