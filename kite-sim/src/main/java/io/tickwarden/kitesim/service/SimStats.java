package io.tickwarden.kitesim.service;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters {@code GET /sim/stats} reports; {@code /sim/reset} zeroes them. A {@code @Singleton}, not a
 * client-proxied bean, because callers touch its fields directly.
 */
@Singleton
public class SimStats {

    public final AtomicLong handshakesTotal = new AtomicLong();
    public final AtomicLong handshakesRejected = new AtomicLong();
    public final AtomicLong subscribeMessages = new AtomicLong();
    public final AtomicLong unsubscribeMessages = new AtomicLong();
    public final AtomicLong modeMessages = new AtomicLong();
    public final LongAdder ticksSent = new LongAdder();
    public final LongAdder framesSent = new LongAdder();
    public final LongAdder heartbeatsSent = new LongAdder();
    public final LongAdder pingsReceived = new LongAdder();
    public final LongAdder malformedFramesSent = new LongAdder();
    public final AtomicLong socketsDropped = new AtomicLong();
    private final Map<String, LongAdder> restRequests = new ConcurrentHashMap<>();

    public void restRequest(String path) {
        restRequests.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    public Map<String, Long> restRequests() {
        Map<String, Long> out = new TreeMap<>();
        restRequests.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        handshakesTotal.set(0);
        handshakesRejected.set(0);
        subscribeMessages.set(0);
        unsubscribeMessages.set(0);
        modeMessages.set(0);
        ticksSent.reset();
        framesSent.reset();
        heartbeatsSent.reset();
        pingsReceived.reset();
        malformedFramesSent.reset();
        socketsDropped.set(0);
        restRequests.clear();
    }
}
