package io.tickwarden.gateway.service;

import io.tickwarden.gateway.domain.TickFrame;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ticks of symbols being subscribed, kept aside in order until the symbol's snapshot or replay is queued (then the
 * {@link Outbox} releases them after it). With coalescing ({@code delivery=latest}) only the newest is kept per
 * symbol. Not thread-safe: the owning {@link Outbox} guards it.
 */
final class HeldTicks {

    enum Offer { NOT_HELD, KEPT, COALESCED, FULL }

    private final boolean coalesce;
    private final Map<String, ArrayDeque<TickFrame>> bySymbol = new HashMap<>();
    private int count;

    HeldTicks(boolean coalesce) {
        this.coalesce = coalesce;
    }

    void hold(String symbol) {
        bySymbol.computeIfAbsent(symbol, s -> new ArrayDeque<>());
    }

    /** Keeps a tick of a held symbol; {@code room}: how many more ticks may wait (checked unless coalescing). */
    Offer offer(TickFrame frame, int room) {
        ArrayDeque<TickFrame> aside = bySymbol.get(frame.symbol());
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
        ArrayDeque<TickFrame> aside = bySymbol.get(symbol);
        return aside == null ? null : aside.peekLast();
    }

    /** Stops holding a symbol and returns its ticks in order. */
    List<TickFrame> release(String symbol) {
        ArrayDeque<TickFrame> aside = bySymbol.remove(symbol);
        if (aside == null) {
            return List.of();
        }
        count -= aside.size();
        return List.copyOf(aside);
    }

    /** Drops the ticks but keeps the symbols held. */
    void dropTicks() {
        bySymbol.values().forEach(ArrayDeque::clear);
        count = 0;
    }

    void clear() {
        bySymbol.clear();
        count = 0;
    }

    int count() {
        return count;
    }
}
