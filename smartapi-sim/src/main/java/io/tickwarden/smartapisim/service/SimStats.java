package io.tickwarden.smartapisim.service;

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

    public final AtomicLong logins = new AtomicLong();
    public final AtomicLong failedLogins = new AtomicLong();
    public final AtomicLong tokenRefreshes = new AtomicLong();
    public final AtomicLong failedRefreshes = new AtomicLong();
    public final AtomicLong logouts = new AtomicLong();
    public final AtomicLong invalidTokenAnswers = new AtomicLong();
    public final AtomicLong quoteRateLimited = new AtomicLong();
    public final AtomicLong handshakesTotal = new AtomicLong();
    public final AtomicLong handshakesRejected = new AtomicLong();
    public final AtomicLong connectionsOverLimit = new AtomicLong();
    public final AtomicLong subscribeMessages = new AtomicLong();
    public final AtomicLong unsubscribeMessages = new AtomicLong();
    public final AtomicLong errorMessagesSent = new AtomicLong();
    public final LongAdder packetsSent = new LongAdder();
    public final LongAdder pingsReceived = new LongAdder();
    public final LongAdder pongsSent = new LongAdder();
    public final LongAdder malformedPacketsSent = new LongAdder();
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
        for (AtomicLong c : new AtomicLong[] {
            logins,
            failedLogins,
            tokenRefreshes,
            failedRefreshes,
            logouts,
            invalidTokenAnswers,
            quoteRateLimited,
            handshakesTotal,
            handshakesRejected,
            connectionsOverLimit,
            subscribeMessages,
            unsubscribeMessages,
            errorMessagesSent,
            socketsDropped
        }) {
            c.set(0);
        }
        for (LongAdder a : new LongAdder[] {packetsSent, pingsReceived, pongsSent, malformedPacketsSent}) {
            a.reset();
        }
        restRequests.clear();
    }
}
