package io.tickwarden.bench.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one load client saw. Written by its event loop only (plain fields are read by the driver after the fact or
 * through volatile fields), so counters cost nothing on the hot path.
 */
public final class ClientStats {

    public final int id;
    public final List<String> symbols;
    volatile boolean open;
    volatile long lastTickNanos;
    volatile long ticks;
    volatile long tickMessages;
    volatile long messages;
    volatile long errorsReceived;
    volatile long connects;
    /** Longest silence between two tick messages since {@link #resetGap()}, in nanos. */
    volatile long maxGapNanos;

    volatile long firstTickAfterMark;
    volatile long markNanos;
    final Map<Integer, AtomicLong> closeCodes = new ConcurrentHashMap<>();
    /** Symbols the server accepted (the gateway's {@code subscribed} answer), or -1 before any answer. */
    volatile int accepted = -1;
    /** Tokens seen, only when diagnosing (costs a hash insert per tick). */
    public final java.util.Set<Integer> seenTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Rejection reasons from the {@code subscribed} answer, with counts. */
    final Map<String, AtomicLong> rejections = new ConcurrentHashMap<>();

    ClientStats(int id, List<String> symbols) {
        this.id = id;
        this.symbols = symbols;
    }

    void onTickMessage(long now, int count) {
        long last = lastTickNanos;
        if (last != 0 && now - last > maxGapNanos) {
            maxGapNanos = now - last;
        }
        if (firstTickAfterMark == 0 && now > markNanos && markNanos != 0) {
            firstTickAfterMark = now;
        }
        lastTickNanos = now;
        ticks += count;
        tickMessages++;
    }

    void onClose(int code) {
        open = false;
        closeCodes.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
    }

    /** Starts a new gap measurement (recovery) and remembers the instant as the mark. */
    public void resetGap(long markNanos) {
        this.maxGapNanos = 0;
        this.firstTickAfterMark = 0;
        this.markNanos = markNanos;
    }

    /** Moves the mark (the fault's end) without clearing the gap measured so far. */
    public void markResume(long nanos) {
        this.firstTickAfterMark = 0;
        this.markNanos = nanos;
    }

    public boolean open() {
        return open;
    }

    public long lastTickNanos() {
        return lastTickNanos;
    }

    public long ticks() {
        return ticks;
    }

    public long tickMessages() {
        return tickMessages;
    }

    public long messages() {
        return messages;
    }

    public long errorsReceived() {
        return errorsReceived;
    }

    public long connects() {
        return connects;
    }

    public long maxGapNanos() {
        return maxGapNanos;
    }

    public long firstTickAfterMark() {
        return firstTickAfterMark;
    }

    public int accepted() {
        return accepted;
    }

    public Map<String, AtomicLong> rejections() {
        return rejections;
    }

    public Map<Integer, AtomicLong> closeCodes() {
        return closeCodes;
    }
}
