package io.tickwarden.bench.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.feed.FeedTickBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickMessagesTest {

    @Test
    void aStepIsSplitIntoFramesOfAtMost3000TicksAndPartsOf250() throws Exception {
        List<TickMessages.Template> step = TickMessages.step(3500, 250, "quote");
        assertEquals(14, step.size(), "one frame of 3000 (12 parts) and one of 500 (2 parts)");
        assertEquals(3500, step.stream().mapToInt(TickMessages.Template::ticks).sum());
        FeedTickBatch first = new ObjectMapper().readValue(step.get(0).json(), FeedTickBatch.class);
        FeedTickBatch last = new ObjectMapper().readValue(step.get(13).json(), FeedTickBatch.class);
        assertEquals(250, first.count());
        assertEquals(12, first.parts());
        assertEquals(1, last.part());
        assertEquals(2, last.parts());
        assertEquals("quote", first.ticks().get(0).mode());
        assertNull(first.ticks().get(0).depth(), "quote mode carries no depth");
    }

    @Test
    void aStampedMessageIsStillAFeedTickBatchAndItsHeaderGivesTheStampBack() throws Exception {
        TickMessages.Template t = TickMessages.step(250, 250, "quote").get(0);
        int size = t.json().length;
        TickMessages.stamp(t, 123_456_789_012L);
        assertEquals(size, t.json().length, "stamping must not change the message's size");
        FeedTickBatch batch = new ObjectMapper().readValue(t.json(), FeedTickBatch.class);
        assertEquals(TickMessages.STAMP_BASE + 123_456_789_012L, batch.epoch());
        BatchHeader h = BatchHeader.parse(t.json(), 160);
        assertNotNull(h);
        assertEquals(123_456_789_012L, h.stampNanos());
        assertEquals(250, h.count());
        // The feed's quote ticks are ~330-400 bytes of JSON (docs/performance.md): ours must be of that size.
        assertTrue(size / 250 > 300 && size / 250 < 450, "bytes per tick " + size / 250);
    }

    @Test
    void aHeadCutBeforeTheCountGivesNoHeader() {
        byte[] b = "{\"type\":\"ticks\",\"source\":\"ws\",\"epoch\":1000000000000000042,\"at\":\"x\",\"count\":25"
                .getBytes();
        assertNull(BatchHeader.parse(b, b.length), "a count cut off by the end of the head could be 250");
        assertEquals(
                42,
                BatchHeader.parse((new String(b) + ",").getBytes(), b.length + 1)
                        .stampNanos());
    }
}
