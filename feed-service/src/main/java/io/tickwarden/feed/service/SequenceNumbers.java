package io.tickwarden.feed.service;

import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-instrument sequence numbers: {@code epoch * 1e9 + n}, n counting from 1 within a leader term. Epochs grow
 * with every new leader, so a consumer sees strictly increasing numbers across failovers without the feed writing
 * a counter to Redis per tick. Stays below 2^53 (exact in JavaScript) for epochs under 9 million.
 */
@Singleton
public class SequenceNumbers {

    static final long PER_EPOCH = 1_000_000_000L;

    private final ConcurrentHashMap<Long, AtomicLong> counters = new ConcurrentHashMap<>();
    private volatile long epoch;

    public synchronized void newEpoch(long epoch) {
        this.epoch = epoch;
        counters.clear();
    }

    public long epoch() {
        return epoch;
    }

    public long next(long instrumentToken) {
        long n =
                counters.computeIfAbsent(instrumentToken, k -> new AtomicLong()).incrementAndGet();
        return epoch * PER_EPOCH + n;
    }
}
