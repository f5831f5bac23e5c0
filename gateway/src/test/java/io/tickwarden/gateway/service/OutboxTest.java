package io.tickwarden.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.gateway.domain.Delivery;
import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.TickFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final List<String> sent = new ArrayList<>();
    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final int[] coalesced = {0};
    private final int[] dropped = {0};
    private final Outbox.Listener listener = new Outbox.Listener() {
        public void written(int ticks, int bytes, long oldest) {}

        public void coalesced() {
            coalesced[0]++;
        }

        public void dropped() {
            dropped[0]++;
        }
    };

    /** A socket whose writes complete only when the test says so. */
    private Outbox outbox(int queueSize, int writeBuffer, Set<String> subscribed) {
        return new Outbox(
                text -> {
                    sent.add(text);
                    CompletableFuture<Void> f = new CompletableFuture<>();
                    writes.add(f);
                    return f;
                },
                listener,
                s -> subscribed.contains(s) ? Mode.LTP : null,
                nanos::get,
                queueSize,
                writeBuffer,
                100);
    }

    private Outbox allOutbox(int allQueueTicks, int writeBuffer, Set<String> subscribed) {
        return new Outbox(
                text -> {
                    sent.add(text);
                    CompletableFuture<Void> f = new CompletableFuture<>();
                    writes.add(f);
                    return f;
                },
                listener,
                s -> subscribed.contains(s) ? Mode.LTP : null,
                nanos::get,
                10,
                writeBuffer,
                100,
                Delivery.ALL,
                allQueueTicks);
    }

    private static TickFrame frame(String symbol, long seq) {
        return TickFrame.ofJson(symbol, seq, 0, m -> "{\"symbol\":\"" + symbol + "\",\"seq\":" + seq + "}");
    }

    @Test
    void blockedConnectionCoalescesToLatestPerSymbolAndIsSlowAfterTimeout() {
        Outbox o = outbox(10, 1, Set.of("A", "B"));
        o.offerTick(frame("A", 1));
        o.flush();
        assertEquals(1, sent.size(), "first frame handed over; the 1-byte buffer is now full");
        for (int i = 2; i <= 50; i++) {
            o.offerTick(frame("A", i));
            o.offerTick(frame("B", i));
            o.flush();
        }
        assertEquals(1, sent.size(), "nothing more while blocked");
        assertEquals(2, o.depth().pendingTicks(), "one pending entry per symbol");
        assertEquals(48 * 2, coalesced[0]);
        assertFalse(o.isSlow(1_000));
        nanos.addAndGet(5_000);
        assertTrue(o.isSlow(1_000), "blocked longer than the timeout");

        writes.get(0).complete(null);
        assertEquals(2, sent.size());
        assertEquals(
                "{\"type\":\"ticks\",\"ticks\":[{\"symbol\":\"A\",\"seq\":50},{\"symbol\":\"B\",\"seq\":50}]}",
                sent.get(1));
        assertFalse(o.isSlow(1_000), "draining clears the blocked state");
    }

    @Test
    void sequenceNumbersOnlyRiseAndSingleTicksAreTickMessages() {
        Outbox o = outbox(10, 1 << 20, Set.of("A"));
        o.offerTick(frame("A", 5));
        o.flush();
        o.offerTick(frame("A", 4));
        o.offerTick(frame("A", 5));
        o.flush();
        assertEquals(List.of("{\"type\":\"tick\",\"symbol\":\"A\",\"seq\":5}"), sent);
    }

    @Test
    void heldSymbolWaitsForItsSnapshotWhichGoesFirst() {
        Outbox o = outbox(10, 1 << 20, Set.of("A"));
        o.hold("A");
        o.offerTick(frame("A", 3));
        o.offerTick(frame("A", 7));
        o.flush();
        assertTrue(sent.isEmpty(), "ticks wait for the snapshot");
        o.releaseAfterSnapshot("{\"type\":\"snapshot\"}", Map.of("A", 6L), List.of("A"));
        o.flush();
        assertEquals(List.of("{\"type\":\"snapshot\"}", "{\"type\":\"tick\",\"symbol\":\"A\",\"seq\":7}"), sent);
    }

    @Test
    void controlOverflowMarksTheConnectionSlowAndMemoryStaysBounded() {
        Outbox o = outbox(4, 1, Set.of());
        o.offerControl("x");
        o.flush();
        for (int i = 0; i < 100; i++) {
            o.offerControl("{\"n\":" + i + "}");
        }
        assertEquals(4, o.depth().pendingControl());
        assertEquals(96, dropped[0]);
        assertTrue(o.isSlow(Long.MAX_VALUE));
    }

    @Test
    void unsubscribedSymbolsAreNotSent() {
        Outbox o = outbox(10, 1 << 20, Set.of("A"));
        o.offerTick(frame("B", 1));
        o.flush();
        assertTrue(sent.isEmpty());
    }

    @Test
    void deliveryAllSendsEveryTickInOrderWithoutCoalescing() {
        Outbox o = allOutbox(100, 1, Set.of("A", "B"));
        o.offerTick(frame("A", 1));
        o.flush();
        o.offerTick(frame("A", 2));
        o.offerTick(frame("B", 1));
        o.offerTick(frame("A", 3));
        o.offerTick(frame("A", 3));
        o.flush();
        assertEquals(
                4, o.depth().pendingTicks(), "every tick waits while blocked (the duplicate is dropped when sent)");
        writes.get(0).complete(null);
        assertEquals(
                List.of(
                        "{\"type\":\"tick\",\"symbol\":\"A\",\"seq\":1}",
                        "{\"type\":\"ticks\",\"ticks\":[{\"symbol\":\"A\",\"seq\":2},{\"symbol\":\"B\",\"seq\":1},"
                                + "{\"symbol\":\"A\",\"seq\":3}]}"),
                sent);
        assertEquals(0, coalesced[0]);
    }

    @Test
    void deliveryAllOverflowStopsAllTicksAtOnceAndIsSlowWithAReasonToRecover() {
        Outbox o = allOutbox(3, 1, Set.of("A"));
        o.offerTick(frame("A", 1));
        o.flush();
        for (int i = 2; i <= 5; i++) {
            o.offerTick(frame("A", i));
        }
        assertTrue(o.isSlow(Long.MAX_VALUE), "the fourth waiting tick overflows");
        assertEquals(1, dropped[0]);
        writes.get(0).complete(null);
        o.offerTick(frame("A", 6));
        o.flush();
        assertEquals(
                List.of("{\"type\":\"tick\",\"symbol\":\"A\",\"seq\":1}"),
                sent,
                "nothing after the gap: the client's position stays 1 and it recovers 2.. by position");
        String reason = o.slowReason();
        assertEquals("slow consumer: 3 ticks behind with delivery=all; reconnect with positions to recover", reason);
        assertTrue(reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 123);
    }

    @Test
    void aRecoveredSymbolGetsItsReplayThenTheHeldLiveTicksWithoutDuplicates() {
        Outbox o = allOutbox(100, 1 << 20, Set.of("A"));
        o.hold("A");
        // Live ticks arriving while the history is read: 11 and 12 are also in the replay.
        for (int i = 11; i <= 14; i++) {
            o.offerTick(frame("A", i));
        }
        o.flush();
        assertTrue(sent.isEmpty(), "held until the replay is queued");
        o.releaseAfterReplay(List.of("{\"type\":\"ticks\",\"recovered\":true}"), "A", 12);
        o.flush();
        assertEquals(
                List.of(
                        "{\"type\":\"ticks\",\"recovered\":true}",
                        "{\"type\":\"ticks\",\"ticks\":[{\"symbol\":\"A\",\"seq\":13},{\"symbol\":\"A\",\"seq\":14}]}"),
                sent);
        o.offerTick(frame("A", 14));
        o.offerTick(frame("A", 15));
        o.flush();
        assertEquals("{\"type\":\"tick\",\"symbol\":\"A\",\"seq\":15}", sent.get(sent.size() - 1));
    }

    @Test
    void heldTicksCountAgainstTheDeliveryAllBound() {
        Outbox o = allOutbox(2, 1 << 20, Set.of("A"));
        o.hold("A");
        o.offerTick(frame("A", 1));
        o.offerTick(frame("A", 2));
        assertFalse(o.isSlow(Long.MAX_VALUE));
        o.offerTick(frame("A", 3));
        assertTrue(o.isSlow(Long.MAX_VALUE));
    }
}
