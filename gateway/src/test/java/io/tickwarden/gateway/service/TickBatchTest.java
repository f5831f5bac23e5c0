package io.tickwarden.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.TickFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TickBatchTest {

    private static TickFrame frame(String symbol, long seq, long published) {
        return TickFrame.ofJson(symbol, seq, published, m -> "{\"symbol\":\"" + symbol + "\",\"seq\":" + seq + "}");
    }

    private static String text(TickBatch b) {
        return new String(b.utf8(), StandardCharsets.UTF_8);
    }

    @Test
    void oneTickIsATickMessage() {
        TickQueue q = new TickQueue.All();
        q.offer(frame("NSE:A", 1, 5), 10);
        TickBatch b = TickBatch.take(q, 10, f -> f.utf8(Mode.LTP));
        assertEquals("{\"type\":\"tick\",\"symbol\":\"NSE:A\",\"seq\":1}", text(b));
        assertEquals(1, b.count());
        assertEquals(5, b.oldest());
    }

    @Test
    void severalTicksAreOneTicksMessageUpToTheBatchSize() {
        TickQueue q = new TickQueue.All();
        q.offer(frame("NSE:A", 1, 7), 10);
        q.offer(frame("NSE:B", 2, 6), 10);
        q.offer(frame("NSE:C", 3, 0), 10);
        q.offer(frame("NSE:D", 4, 0), 10);
        TickBatch b = TickBatch.take(q, 3, f -> f.utf8(Mode.LTP));
        assertEquals(
                "{\"type\":\"ticks\",\"ticks\":[{\"symbol\":\"NSE:A\",\"seq\":1},{\"symbol\":\"NSE:B\",\"seq\":2},"
                        + "{\"symbol\":\"NSE:C\",\"seq\":3}]}",
                text(b));
        assertEquals(3, b.count());
        assertEquals(6, b.oldest(), "the oldest publish time of the ticks that have one");
        assertEquals(
                "{\"type\":\"tick\",\"symbol\":\"NSE:D\",\"seq\":4}",
                text(TickBatch.take(q, 3, f -> f.utf8(Mode.LTP))));
    }

    @Test
    void skippedTicksAreLeftOutAndNothingLeftIsNull() {
        TickQueue q = new TickQueue.All();
        q.offer(frame("NSE:A", 1, 0), 10);
        q.offer(frame("NSE:B", 2, 0), 10);
        q.offer(frame("NSE:C", 3, 0), 10);
        TickBatch b = TickBatch.take(q, 10, f -> f.symbol().equals("NSE:B") ? null : f.utf8(Mode.LTP));
        assertEquals(
                "{\"type\":\"ticks\",\"ticks\":[{\"symbol\":\"NSE:A\",\"seq\":1},{\"symbol\":\"NSE:C\",\"seq\":3}]}",
                text(b));
        assertNull(TickBatch.take(q, 10, f -> f.utf8(Mode.LTP)));
        q.offer(frame("NSE:A", 4, 0), 10);
        assertNull(TickBatch.take(q, 10, f -> null), "only skipped ticks: nothing to send");
    }
}
