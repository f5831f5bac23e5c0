package io.tickwarden.feed.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.feed.FeedTickBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Splitting one upstream frame's ticks into {@code feed.ticks} messages ({@link TickProcessor#batches}). */
class TickBatchesTest {

    private static final String AT = "2026-03-02T10:15:01.120+05:30";

    @Test
    void aFullFrameBecomesMessagesOfAtMostTheLimitInFrameOrder() {
        List<FeedTick> frame = frame(new SequenceNumbers(), 3000, 0);
        List<FeedTickBatch> messages = TickProcessor.batches("ws", 3, AT, frame, 250);
        assertEquals(12, messages.size());
        List<FeedTick> joined = new ArrayList<>();
        for (FeedTickBatch m : messages) {
            assertEquals(250, m.ticks().size());
            assertEquals(m.ticks().size(), m.count());
            assertEquals(FeedTickBatch.TYPE, m.type());
            assertEquals("ws", m.source());
            assertEquals(3, m.epoch());
            assertEquals(AT, m.at());
            joined.addAll(m.ticks());
        }
        assertEquals(frame, joined, "the messages hold exactly the frame's ticks, in order");
    }

    @Test
    void theLastMessageTakesTheRemainder() {
        List<FeedTick> frame = frame(new SequenceNumbers(), 7, 0);
        List<FeedTickBatch> messages = TickProcessor.batches("rest", 1, AT, frame, 3);
        assertEquals(
                List.of(3, 3, 1), messages.stream().map(FeedTickBatch::count).toList());
        assertEquals(
                List.of(0, 1, 2), messages.stream().map(FeedTickBatch::part).toList());
        assertTrue(messages.stream().allMatch(m -> m.parts() == 3), "every part knows the frame has 3");
        assertEquals(frame.subList(6, 7), messages.get(2).ticks());
    }

    @Test
    void aFrameWithinTheLimitIsOneMessageExactlyAsBefore() {
        List<FeedTick> frame = frame(new SequenceNumbers(), 250, 0);
        assertEquals(
                List.of(new FeedTickBatch(FeedTickBatch.TYPE, "ws", 2, AT, 250, 0, 1, frame)),
                TickProcessor.batches("ws", 2, AT, frame, 250));
        assertEquals(List.of(), TickProcessor.batches("ws", 2, AT, List.of(), 250));
        assertThrows(IllegalArgumentException.class, () -> TickProcessor.batches("ws", 2, AT, frame, 0));
    }

    @Test
    void perInstrumentSequenceNumbersOnlyRiseAcrossMessagesAndFrames() {
        SequenceNumbers sequence = new SequenceNumbers();
        sequence.newEpoch(4);
        // Each frame lists 40 instruments, 15 of them twice (a token may repeat within a frame), in a rotated order.
        List<FeedTickBatch> published = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            published.addAll(TickProcessor.batches("ws", sequence.epoch(), AT, frame(sequence, 55, f * 7), 6));
        }
        Map<Long, Long> last = new HashMap<>();
        Map<Long, Integer> seen = new HashMap<>();
        for (FeedTickBatch m : published) {
            assertTrue(m.count() <= 6, "message of " + m.count());
            for (FeedTick t : m.ticks()) {
                Long previous = last.put(t.instrument_token(), t.seq());
                assertTrue(
                        previous == null || t.seq() > previous,
                        "seq of " + t.instrument_token() + " went " + previous + " -> " + t.seq());
                seen.merge(t.instrument_token(), 1, Integer::sum);
            }
        }
        assertEquals(5 * 55, seen.values().stream().mapToInt(Integer::intValue).sum(), "no tick lost or repeated");
        seen.forEach((token, n) -> assertEquals(
                4_000_000_000L + n, last.get(token), "the last tick of " + token + " carries its last number"));
    }

    @Test
    void eachMessageIsTheBatchFormatTheGatewayParses() throws Exception {
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        for (FeedTickBatch m : TickProcessor.batches("ws", 3, AT, frame(new SequenceNumbers(), 5, 0), 2)) {
            JsonNode root = json.readTree(json.writeValueAsString(m));
            assertEquals("ticks", root.path("type").asText());
            assertEquals("ws", root.path("source").asText());
            assertEquals(3, root.path("epoch").asLong());
            assertEquals(AT, root.path("at").asText());
            assertEquals(root.path("ticks").size(), root.path("count").asInt());
            for (JsonNode t : root.path("ticks")) {
                assertTrue(t.hasNonNull("symbol") && t.hasNonNull("last_price") && t.hasNonNull("seq"), t.toString());
            }
        }
    }

    /** {@code n} ticks over 40 instruments, starting at the {@code offset}-th; with n = 55, 15 of them appear twice. */
    private static List<FeedTick> frame(SequenceNumbers sequence, int n, int offset) {
        List<FeedTick> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long token = 1000 + (offset + i) % 40;
            out.add(new FeedTick(
                    token,
                    "NSE:S" + token,
                    "NSE",
                    "ltp",
                    sequence.next(token),
                    "ws",
                    true,
                    100.0 + i,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    AT));
        }
        return out;
    }
}
