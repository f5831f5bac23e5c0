package io.tickwarden.gateway.service;

import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.TickFrame;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One connection's outbound queue. Memory stays bounded whatever the client does:
 * <ul>
 *   <li>ticks coalesce to the latest value per instrument (at most one pending entry per subscribed symbol);</li>
 *   <li>control messages (status, answers, heartbeats) queue in order, ahead of ticks, up to the queue size;</li>
 *   <li>at most {@code writeBufferBytes} are handed to the socket without having been written; beyond that the
 *       connection is <em>blocked</em> and updates only coalesce.</li>
 * </ul>
 * A connection that stays blocked for the slow-consumer timeout, or overflows its queue, is reported slow by
 * {@link #isSlow(long)} and closed by its owner. Only one thread drains at a time, so frames keep their order.
 * Per symbol, sequence numbers sent to the client only rise.
 */
public final class Outbox {

    /** Where frames go: a WebSocket in production, a list in unit tests. */
    public interface Sink {
        CompletionStage<Void> send(String text);
    }

    /** Counters for metrics. */
    public interface Listener {
        void written(int ticks, int bytes, long oldestPublishedMillis);

        void coalesced();

        void dropped();
    }

    /** Sizes of the outbox right now. */
    public record Depth(int pendingTicks, int pendingControl, long inflightBytes) {
    }

    private final Sink sink;
    private final Listener listener;
    private final Function<String, Mode> modeOf;
    private final LongSupplier nanos;
    private final int queueSize;
    private final int writeBufferBytes;
    private final int maxBatch;

    private final ArrayDeque<String> control = new ArrayDeque<>();
    private final LinkedHashMap<String, TickFrame> pending = new LinkedHashMap<>();
    private final Set<String> held = new HashSet<>();
    private final Map<String, Long> lastSent = new HashMap<>();
    private long inflightBytes;
    private long blockedSince = -1;
    private boolean overflow;
    private boolean closed;
    private boolean draining;
    private boolean redrain;

    /**
     * @param modeOf the client's mode for a symbol, or null when it is not subscribed (any more)
     */
    public Outbox(Sink sink, Listener listener, Function<String, Mode> modeOf, LongSupplier nanos, int queueSize,
                  int writeBufferBytes, int maxBatch) {
        this.sink = sink;
        this.listener = listener;
        this.modeOf = modeOf;
        this.nanos = nanos;
        this.queueSize = queueSize;
        this.writeBufferBytes = writeBufferBytes;
        this.maxBatch = maxBatch;
    }

    /** Queues a tick, replacing an older pending one of the same symbol. Call {@link #flush()} afterwards. */
    public synchronized void offerTick(TickFrame frame) {
        if (closed) {
            return;
        }
        String symbol = frame.symbol();
        Long sent = lastSent.get(symbol);
        if (sent != null && frame.seq() <= sent) {
            return;
        }
        TickFrame existing = pending.get(symbol);
        if (existing != null) {
            if (existing.seq() < frame.seq()) {
                pending.put(symbol, frame);
                listener.coalesced();
            }
            return;
        }
        if (pending.size() + control.size() >= queueSize) {
            overflow = true;
            listener.dropped();
            return;
        }
        pending.put(symbol, frame);
    }

    /** Queues a control message (already serialised). Overflowing the queue marks the connection slow. */
    public synchronized void offerControl(String json) {
        if (closed) {
            return;
        }
        if (pending.size() + control.size() >= queueSize) {
            overflow = true;
            listener.dropped();
            return;
        }
        control.add(json);
    }

    /** Holds back ticks of a symbol until its snapshot is queued ({@link #releaseAfterSnapshot}). */
    public synchronized void hold(String symbol) {
        held.add(symbol);
        lastSent.remove(symbol);
    }

    /**
     * Takes the pending tick of a held symbol, so the snapshot can use it when it is newer than the stored quote.
     */
    public synchronized TickFrame takePending(String symbol) {
        return pending.remove(symbol);
    }

    /**
     * Queues the snapshot message, then lets ticks of these symbols flow again; ticks not newer than what the
     * snapshot carried are dropped.
     */
    public synchronized void releaseAfterSnapshot(String snapshotJson, Map<String, Long> snapshotSeqs,
                                                  Iterable<String> symbols) {
        if (closed) {
            return;
        }
        control.add(snapshotJson);
        snapshotSeqs.forEach(lastSent::put);
        for (String s : symbols) {
            held.remove(s);
            TickFrame p = pending.get(s);
            Long seq = snapshotSeqs.get(s);
            if (p != null && seq != null && p.seq() <= seq) {
                pending.remove(s);
            }
        }
    }

    /** Drops everything about a symbol (unsubscribe). */
    public synchronized void forget(String symbol) {
        pending.remove(symbol);
        held.remove(symbol);
        lastSent.remove(symbol);
    }

    /** Hands frames to the socket until the queue is empty or the write buffer is full. */
    public void flush() {
        synchronized (this) {
            if (draining) {
                redrain = true;
                return;
            }
            draining = true;
        }
        for (;;) {
            String text;
            int ticks;
            long oldest;
            synchronized (this) {
                text = null;
                ticks = 0;
                oldest = 0;
                if (!closed && inflightBytes < writeBufferBytes) {
                    if (!control.isEmpty()) {
                        text = control.poll();
                    } else {
                        Batch b = nextBatch();
                        if (b != null) {
                            text = b.text;
                            ticks = b.count;
                            oldest = b.oldest;
                        }
                    }
                }
                if (text == null) {
                    if (redrain) {
                        redrain = false;
                        continue;
                    }
                    if (!closed && inflightBytes >= writeBufferBytes && hasPending() && blockedSince < 0) {
                        blockedSince = nanos.getAsLong();
                    }
                    draining = false;
                    return;
                }
                inflightBytes += text.length();
            }
            int bytes = text.length();
            int count = ticks;
            long oldestAt = oldest;
            CompletionStage<Void> sent;
            try {
                sent = sink.send(text);
            } catch (RuntimeException e) {
                sent = java.util.concurrent.CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((v, e) -> written(bytes, count, oldestAt, e == null));
        }
    }

    private void written(int bytes, int ticks, long oldest, boolean ok) {
        synchronized (this) {
            inflightBytes -= bytes;
            if (inflightBytes < writeBufferBytes) {
                blockedSince = -1;
            }
        }
        if (ok) {
            listener.written(ticks, bytes, oldest);
            flush();
        }
    }

    private record Batch(String text, int count, long oldest) {
    }

    private Batch nextBatch() {
        if (pending.isEmpty()) {
            return null;
        }
        StringBuilder body = null;
        String single = null;
        int count = 0;
        long oldest = Long.MAX_VALUE;
        Iterator<Map.Entry<String, TickFrame>> it = pending.entrySet().iterator();
        while (it.hasNext() && count < maxBatch) {
            Map.Entry<String, TickFrame> e = it.next();
            if (held.contains(e.getKey())) {
                continue;
            }
            it.remove();
            TickFrame f = e.getValue();
            Mode mode = modeOf.apply(f.symbol());
            if (mode == null) {
                continue;
            }
            lastSent.put(f.symbol(), f.seq());
            String json = f.json(mode);
            if (f.publishedAtMillis() > 0) {
                oldest = Math.min(oldest, f.publishedAtMillis());
            }
            if (count == 0) {
                single = json;
            } else {
                if (body == null) {
                    body = new StringBuilder(single.length() * 4).append("{\"type\":\"ticks\",\"ticks\":[").append(single);
                }
                body.append(',').append(json);
            }
            count++;
        }
        if (count == 0) {
            return null;
        }
        String text = count == 1 ? "{\"type\":\"tick\"," + single.substring(1) : body.append("]}").toString();
        return new Batch(text, count, oldest == Long.MAX_VALUE ? 0 : oldest);
    }

    private boolean hasPending() {
        if (!control.isEmpty()) {
            return true;
        }
        for (String s : pending.keySet()) {
            if (!held.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the client is over its limit: queue overflowed, or blocked for at least {@code timeoutNanos}. */
    public synchronized boolean isSlow(long timeoutNanos) {
        return overflow || (blockedSince >= 0 && nanos.getAsLong() - blockedSince >= timeoutNanos);
    }

    /** Stops queuing and frees the queue; frames already handed to the socket are its business. */
    public synchronized void close() {
        closed = true;
        control.clear();
        pending.clear();
        held.clear();
        lastSent.clear();
    }

    public synchronized Depth depth() {
        return new Depth(pending.size(), control.size(), inflightBytes);
    }
}
