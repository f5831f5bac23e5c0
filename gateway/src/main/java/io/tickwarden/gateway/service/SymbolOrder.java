package io.tickwarden.gateway.service;

import io.tickwarden.gateway.domain.TickFrame;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-symbol order of one connection: the last seq sent (nothing older or equal goes out again), and the ticks of
 * symbols being subscribed, kept aside in order until the symbol's snapshot or replay is queued (the {@link Outbox}
 * then queues those newer than what it carried). With coalescing ({@code delivery=latest}) only the newest held
 * tick is kept per symbol. Not thread-safe: the owning {@link Outbox} guards it.
 */
final class SymbolOrder {

    enum Offer {
        NOT_HELD,
        KEPT,
        COALESCED,
        FULL,
        STALE
    }

    private final boolean coalesce;
    private final Map<String, ArrayDeque<TickFrame>> held = new HashMap<>();
    private final Map<String, Long> lastSent = new HashMap<>();
    private int count;

    SymbolOrder(boolean coalesce) {
        this.coalesce = coalesce;
    }

    /** Holds the symbol's ticks from now on; it starts afresh (its snapshot or replay decides what follows). */
    void hold(String symbol) {
        held.computeIfAbsent(symbol, s -> new ArrayDeque<>());
        lastSent.remove(symbol);
    }

    /**
     * STALE for a tick not newer than the last sent; NOT_HELD when the symbol is not held (the caller queues it);
     * else keeps it aside. {@code room}: how many more ticks may wait (checked unless coalescing).
     */
    Offer offer(TickFrame frame, int room) {
        Long sent = lastSent.get(frame.symbol());
        if (sent != null && frame.seq() <= sent) {
            return Offer.STALE;
        }
        ArrayDeque<TickFrame> aside = held.get(frame.symbol());
        if (aside == null) {
            return Offer.NOT_HELD;
        }
        if (!aside.isEmpty() && aside.peekLast().seq() >= frame.seq()) {
            return Offer.KEPT;
        }
        Offer result = Offer.KEPT;
        if (coalesce) {
            if (!aside.isEmpty()) {
                aside.clear();
                count--;
                result = Offer.COALESCED;
            }
        } else if (room <= 0) {
            return Offer.FULL;
        }
        aside.add(frame);
        count++;
        return result;
    }

    /** The newest tick held for a symbol, or null. */
    TickFrame newest(String symbol) {
        ArrayDeque<TickFrame> aside = held.get(symbol);
        return aside == null ? null : aside.peekLast();
    }

    /**
     * Stops holding a symbol whose snapshot or replay carried it up to {@code sentUpTo} (null: nothing) and returns
     * its held ticks after that, in order.
     */
    List<TickFrame> release(String symbol, Long sentUpTo) {
        if (sentUpTo != null) {
            lastSent.put(symbol, sentUpTo);
        }
        ArrayDeque<TickFrame> aside = held.remove(symbol);
        if (aside == null) {
            return List.of();
        }
        count -= aside.size();
        return aside.stream()
                .filter(f -> sentUpTo == null || f.seq() > sentUpTo)
                .toList();
    }

    /** Records a tick as sent; false when it is not newer than the last one sent (it must not go out). */
    boolean sent(TickFrame frame) {
        Long sent = lastSent.get(frame.symbol());
        if (sent != null && frame.seq() <= sent) {
            return false;
        }
        lastSent.put(frame.symbol(), frame.seq());
        return true;
    }

    /** Drops everything about a symbol (unsubscribe). */
    void forget(String symbol) {
        ArrayDeque<TickFrame> aside = held.remove(symbol);
        if (aside != null) {
            count -= aside.size();
        }
        lastSent.remove(symbol);
    }

    /** Drops the held ticks but keeps the symbols held. */
    void dropTicks() {
        held.values().forEach(ArrayDeque::clear);
        count = 0;
    }

    void clear() {
        held.clear();
        lastSent.clear();
        count = 0;
    }

    /** Ticks held. */
    int count() {
        return count;
    }
}
