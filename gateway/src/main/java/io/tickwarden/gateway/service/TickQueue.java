package io.tickwarden.gateway.service;

import io.tickwarden.gateway.domain.TickFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The ticks of one connection waiting for the socket, in the connection's delivery mode: {@link Latest} keeps the
 * newest tick per symbol (coalescing), {@link All} keeps every tick in arrival order. Not thread-safe: the
 * {@link Outbox} owning it guards it.
 */
abstract sealed class TickQueue permits TickQueue.Latest, TickQueue.All {

    enum Offer {
        QUEUED,
        COALESCED,
        FULL
    }

    /** Queues a tick; {@code room} is how many more entries the owner allows. */
    abstract Offer offer(TickFrame frame, int room);

    /** The next tick to send, removed, or null when none. */
    abstract TickFrame poll();

    /** Removes every queued tick of a symbol and returns them in order. */
    abstract List<TickFrame> remove(String symbol);

    abstract int size();

    abstract void clear();

    /** Newest tick per symbol; at most one entry per symbol, in order of the symbols' first pending tick. */
    static final class Latest extends TickQueue {
        private final LinkedHashMap<String, TickFrame> pending = new LinkedHashMap<>();

        @Override
        Offer offer(TickFrame frame, int room) {
            TickFrame existing = pending.get(frame.symbol());
            if (existing != null) {
                if (existing.seq() < frame.seq()) {
                    pending.put(frame.symbol(), frame);
                }
                return Offer.COALESCED;
            }
            if (room <= 0) {
                return Offer.FULL;
            }
            pending.put(frame.symbol(), frame);
            return Offer.QUEUED;
        }

        @Override
        TickFrame poll() {
            Iterator<TickFrame> it = pending.values().iterator();
            if (!it.hasNext()) {
                return null;
            }
            TickFrame f = it.next();
            it.remove();
            return f;
        }

        @Override
        List<TickFrame> remove(String symbol) {
            TickFrame f = pending.remove(symbol);
            return f == null ? List.of() : List.of(f);
        }

        @Override
        int size() {
            return pending.size();
        }

        @Override
        void clear() {
            pending.clear();
        }
    }

    /** Every tick in arrival order (delivery=all). */
    static final class All extends TickQueue {
        private final ArrayDeque<TickFrame> queue = new ArrayDeque<>();

        @Override
        Offer offer(TickFrame frame, int room) {
            if (room <= 0) {
                return Offer.FULL;
            }
            queue.add(frame);
            return Offer.QUEUED;
        }

        @Override
        TickFrame poll() {
            return queue.poll();
        }

        @Override
        List<TickFrame> remove(String symbol) {
            List<TickFrame> out = new ArrayList<>();
            // Rare (unsubscribe, mode change): a linear pass over a queue that is short unless the client is slow.
            queue.removeIf(f -> {
                if (f.symbol().equals(symbol)) {
                    out.add(f);
                    return true;
                }
                return false;
            });
            return out;
        }

        @Override
        int size() {
            return queue.size();
        }

        @Override
        void clear() {
            queue.clear();
        }
    }
}
