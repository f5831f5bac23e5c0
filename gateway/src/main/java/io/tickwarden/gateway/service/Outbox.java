package io.tickwarden.gateway.service;

import io.tickwarden.gateway.domain.Delivery;
import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.TickFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One connection's outbound queue. Memory stays bounded whatever the client does:
 * <ul>
 *   <li>ticks wait in a {@link TickQueue}: with {@code delivery=latest} they coalesce to the latest value per
 *       instrument (at most one pending entry per subscribed symbol); with {@code delivery=all} every tick waits in
 *       order, at most {@code allQueueTicks} of them;</li>
 *   <li>control messages (status, answers, snapshots, replays) queue in order, ahead of ticks, up to the queue
 *       size;</li>
 *   <li>at most {@code writeBufferBytes} are handed to the socket without having been written; beyond that the
 *       connection is <em>blocked</em>.</li>
 * </ul>
 * A connection that stays blocked for the slow-consumer timeout, or overflows its queue, is reported slow by
 * {@link #isSlow(long)} and closed by its owner with {@link #slowReason()}. With {@code delivery=all} an overflow
 * also stops all further ticks at once, so what the client received is gap-free per symbol and its positions
 * recover the rest. Only one thread drains at a time, so frames keep their order. Per symbol ({@link SymbolOrder}),
 * sequence numbers sent only rise, and a symbol being subscribed has its ticks held until its snapshot or replay.
 */
public final class Outbox {

    /** Where frames go: a WebSocket in production, a list in unit tests. */
    public interface Sink {
        CompletionStage<Void> send(String text);

        /**
         * A tick message already encoded as UTF-8, sent as a text message. The WebSocket overrides it to write the
         * bytes without decoding and re-encoding them per connection.
         */
        default CompletionStage<Void> sendUtf8(byte[] utf8) {
            return send(new String(utf8, StandardCharsets.UTF_8));
        }
    }

    /** Counters for metrics. */
    public interface Listener {
        void written(int ticks, int bytes, long oldestPublishedMillis);

        void coalesced();

        void dropped();
    }

    /** Sizes of the outbox right now. */
    public record Depth(int pendingTicks, int pendingControl, long inflightBytes) {}

    /** The close reason of a slow {@code delivery=latest} connection. */
    public static final String SLOW_REASON = "slow consumer: socket not drained";

    private final Sink sink;
    private final Listener listener;
    private final Function<String, Mode> modeOf;
    private final LongSupplier nanos;
    private final int queueSize;
    private final int writeBufferBytes;
    private final int maxBatch;
    private final Delivery delivery;
    private final int allQueueTicks;

    // Sized for the usual one or two waiting messages (an idle connection holds it for its lifetime); it grows.
    private final ArrayDeque<String> control = new ArrayDeque<>(2);
    private final TickQueue ticks;
    private final SymbolOrder order;
    private long inflightBytes;
    private long blockedSince = -1;
    private boolean overflow;
    private boolean closed;
    private boolean draining;
    private boolean redrain;

    /** A {@code delivery=latest} outbox. */
    public Outbox(
            Sink sink,
            Listener listener,
            Function<String, Mode> modeOf,
            LongSupplier nanos,
            int queueSize,
            int writeBufferBytes,
            int maxBatch) {
        this(sink, listener, modeOf, nanos, queueSize, writeBufferBytes, maxBatch, Delivery.LATEST, 0);
    }

    /**
     * @param modeOf        the client's mode for a symbol, or null when it is not subscribed (any more)
     * @param allQueueTicks with {@link Delivery#ALL}: ticks that may wait (queued and held) before the connection
     *                      counts as slow
     */
    public Outbox(
            Sink sink,
            Listener listener,
            Function<String, Mode> modeOf,
            LongSupplier nanos,
            int queueSize,
            int writeBufferBytes,
            int maxBatch,
            Delivery delivery,
            int allQueueTicks) {
        this.sink = sink;
        this.listener = listener;
        this.modeOf = modeOf;
        this.nanos = nanos;
        this.queueSize = queueSize;
        this.writeBufferBytes = writeBufferBytes;
        this.maxBatch = maxBatch;
        this.delivery = delivery;
        this.allQueueTicks = allQueueTicks;
        this.ticks = delivery == Delivery.ALL ? new TickQueue.All() : new TickQueue.Latest();
        this.order = new SymbolOrder(delivery == Delivery.LATEST);
    }

    public Delivery delivery() {
        return delivery;
    }

    /** Queues a tick (with {@code latest}, replacing an older pending one of the same symbol). Flush afterwards. */
    public synchronized void offerTick(TickFrame frame) {
        if (closed || (overflow && delivery == Delivery.ALL)) {
            return;
        }
        switch (order.offer(frame, room())) {
            case NOT_HELD -> queue(frame, room());
            case COALESCED -> listener.coalesced();
            case FULL -> overflowed();
            case KEPT, STALE -> {}
        }
    }

    private void queue(TickFrame frame, int room) {
        switch (ticks.offer(frame, room)) {
            case COALESCED -> listener.coalesced();
            case FULL -> overflowed();
            case QUEUED -> {}
        }
    }

    /** How many more ticks may wait. */
    private int room() {
        return delivery == Delivery.ALL
                ? allQueueTicks - ticks.size() - order.count()
                : queueSize - ticks.size() - control.size();
    }

    private void overflowed() {
        overflow = true;
        listener.dropped();
        if (delivery == Delivery.ALL) {
            // Nothing after a gap: the client's positions stay exact, and it recovers the rest on reconnect.
            ticks.clear();
            order.dropTicks();
        }
    }

    /** Queues a control message (already serialised). Overflowing the queue marks the connection slow. */
    public synchronized void offerControl(String json) {
        if (closed) {
            return;
        }
        int used = control.size() + (delivery == Delivery.LATEST ? ticks.size() : 0);
        if (used >= queueSize) {
            overflow = true;
            listener.dropped();
            return;
        }
        control.add(json);
    }

    /** Holds back ticks of a symbol until its snapshot or replay is queued; ticks already queued are held too. */
    public synchronized void hold(String symbol) {
        order.hold(symbol);
        for (TickFrame f : ticks.remove(symbol)) {
            order.offer(f, Integer.MAX_VALUE);
        }
    }

    /** The newest tick held for a symbol (left in place), so the snapshot can use it when newer than the stored quote. */
    public synchronized TickFrame newestHeld(String symbol) {
        return order.newest(symbol);
    }

    /**
     * Queues the snapshot message, then lets ticks of these symbols flow again; ticks not newer than what the
     * snapshot carried are dropped.
     */
    public synchronized void releaseAfterSnapshot(
            String snapshotJson, Map<String, Long> snapshotSeqs, Iterable<String> symbols) {
        if (closed) {
            return;
        }
        control.add(snapshotJson);
        for (String s : symbols) {
            release(s, snapshotSeqs.get(s));
        }
    }

    /**
     * Queues the replay messages of a recovered symbol, then lets its ticks flow again from after {@code lastSeq}
     * (the last replayed seq, or the client's position when nothing was missed): held ticks up to it are dropped,
     * the later ones follow in order, so the client sees no gap and no duplicate.
     */
    public synchronized void releaseAfterReplay(List<String> replayJson, String symbol, long lastSeq) {
        if (closed) {
            return;
        }
        control.addAll(replayJson);
        release(symbol, lastSeq);
    }

    private void release(String symbol, Long sentUpTo) {
        for (TickFrame f : order.release(symbol, sentUpTo)) {
            // Already counted against the limit while held: moving them cannot overflow.
            queue(f, Integer.MAX_VALUE);
        }
    }

    /** Drops everything about a symbol (unsubscribe). */
    public synchronized void forget(String symbol) {
        ticks.remove(symbol);
        order.forget(symbol);
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
        for (; ; ) {
            String text;
            byte[] utf8;
            int bytes;
            int count;
            long oldest;
            synchronized (this) {
                text = null;
                utf8 = null;
                bytes = 0;
                count = 0;
                oldest = 0;
                if (!closed && inflightBytes < writeBufferBytes) {
                    if (!control.isEmpty()) {
                        text = control.poll();
                        bytes = text.length();
                    } else {
                        TickBatch b = TickBatch.take(ticks, maxBatch, this::render);
                        if (b != null) {
                            utf8 = b.utf8();
                            bytes = utf8.length;
                            count = b.count();
                            oldest = b.oldest();
                        }
                    }
                }
                if (text == null && utf8 == null) {
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
                inflightBytes += bytes;
            }
            int size = bytes;
            int n = count;
            long oldestAt = oldest;
            CompletionStage<Void> sent;
            try {
                sent = text != null ? sink.send(text) : sink.sendUtf8(utf8);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((v, e) -> written(size, n, oldestAt, e == null));
        }
    }

    /** A queued tick as the client gets it in its mode, or null when it is no longer to be sent. */
    private byte[] render(TickFrame f) {
        Mode mode = modeOf.apply(f.symbol());
        return mode != null && order.sent(f) ? f.utf8(mode) : null;
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

    private boolean hasPending() {
        return !control.isEmpty() || ticks.size() > 0;
    }

    /** Whether the client is over its limit: queue overflowed, or blocked for at least {@code timeoutNanos}. */
    public synchronized boolean isSlow(long timeoutNanos) {
        return overflow || (blockedSince >= 0 && nanos.getAsLong() - blockedSince >= timeoutNanos);
    }

    /** The close reason for a slow connection (at most 123 bytes, as a close frame allows). */
    public synchronized String slowReason() {
        if (delivery == Delivery.LATEST) {
            return SLOW_REASON;
        }
        int behind = overflow ? allQueueTicks : ticks.size() + order.count();
        return "slow consumer: " + behind + " ticks behind with delivery=all; reconnect with positions to recover";
    }

    /** Stops queuing and frees the queue; frames already handed to the socket are its business. */
    public synchronized void close() {
        closed = true;
        control.clear();
        ticks.clear();
        order.clear();
    }

    public synchronized Depth depth() {
        return new Depth(ticks.size() + order.count(), control.size(), inflightBytes);
    }
}
