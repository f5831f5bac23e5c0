package io.tickwarden.gateway.service;

import io.tickwarden.gateway.domain.Delivery;
import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.TokenBucket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * One client connection: its subscriptions (symbol to mode), outbound queue and flood limiter. Closing goes through
 * {@code closer} so the WebSocket layer stays out of the service code.
 */
public final class ClientSession {

    private final String id;
    private final Map<String, Mode> subscriptions = new ConcurrentHashMap<>();
    private final Outbox outbox;
    private final TokenBucket flood;
    private final BiConsumer<Integer, String> closer;
    private volatile boolean closing;

    public ClientSession(
            String id,
            Outbox.Sink sink,
            Outbox.Listener listener,
            java.util.function.LongSupplier nanos,
            int queueSize,
            int writeBufferBytes,
            int maxBatch,
            TokenBucket flood,
            BiConsumer<Integer, String> closer) {
        this(id, sink, listener, nanos, queueSize, writeBufferBytes, maxBatch, Delivery.LATEST, 0, flood, closer);
    }

    /** @param allQueueTicks with {@link Delivery#ALL}: ticks that may wait before the connection counts as slow */
    public ClientSession(
            String id,
            Outbox.Sink sink,
            Outbox.Listener listener,
            java.util.function.LongSupplier nanos,
            int queueSize,
            int writeBufferBytes,
            int maxBatch,
            Delivery delivery,
            int allQueueTicks,
            TokenBucket flood,
            BiConsumer<Integer, String> closer) {
        this.id = id;
        this.outbox = new Outbox(
                sink,
                listener,
                subscriptions::get,
                nanos,
                queueSize,
                writeBufferBytes,
                maxBatch,
                delivery,
                allQueueTicks);
        this.flood = flood;
        this.closer = closer;
    }

    public String id() {
        return id;
    }

    public Map<String, Mode> subscriptions() {
        return subscriptions;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Flood check for one inbound message; messages of one connection arrive one at a time. */
    public boolean allowMessage(long nowNanos) {
        return flood.tryTake(nowNanos);
    }

    public void send(String json) {
        outbox.offerControl(json);
        outbox.flush();
    }

    public boolean isClosing() {
        return closing;
    }

    /** Marks the session closing (idempotent) and asks the socket to close; true the first time. */
    public boolean close(int code, String reason) {
        synchronized (this) {
            if (closing) {
                return false;
            }
            closing = true;
        }
        outbox.close();
        closer.accept(code, reason);
        return true;
    }
}
