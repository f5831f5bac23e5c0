package io.tickwarden.feed.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TickDecoder#decodeInParts}: the streaming decode must hand over exactly what {@code decode} returns. */
class TickDecoderPartsTest {

    /** One call of the sink. */
    private record Part(List<Tick> ticks, int part, int parts) {}

    @Test
    void partsConcatenatedAreTheWholeFrameInOrder() {
        Random r = new Random(7);
        int[] limits = {1, 2, 3, 7, 250, Integer.MAX_VALUE};
        for (int i = 0; i < 300; i++) {
            List<byte[]> packets = new ArrayList<>();
            int n = 1 + r.nextInt(600);
            for (int p = 0; p < n; p++) {
                packets.add(Packets.random(r, 1 + r.nextInt(9)));
            }
            byte[] frame = Packets.frame(packets);
            int max = limits[r.nextInt(limits.length)];
            List<Part> got = new ArrayList<>();
            TickDecoder.Parts found = TickDecoder.decodeInParts(frame, max, collect(got));

            DecodedFrame whole = TickDecoder.decode(frame);
            assertEquals(whole.ticks(), concat(got), "frame " + i + " with parts of " + max);
            assertEquals(List.of(), found.problems());
            assertEquals(n, found.ticks());
            assertPartsAreTruthful(got, found, max);
        }
    }

    @Test
    void aFullKiteFrameOf3000TicksIsTwelvePartsOf250() {
        Random r = new Random(11);
        List<byte[]> packets = new ArrayList<>();
        for (int p = 0; p < 3000; p++) {
            packets.add(Packets.quote((r.nextInt(1 << 20) << 8) | 1, new int[10]));
        }
        List<Part> got = new ArrayList<>();
        TickDecoder.Parts found = TickDecoder.decodeInParts(Packets.frame(packets), 250, collect(got));
        assertEquals(12, found.parts());
        assertEquals(
                List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
                got.stream().map(Part::part).toList());
        assertTrue(got.stream().allMatch(p -> p.ticks().size() == 250 && p.parts() == 12));
    }

    @Test
    void brokenFramingYieldsNoPartEvenAfterManyGoodPackets() {
        // 600 good packets, then the count promises one more that is not there: nothing may be handed over,
        // not even the parts before the break (the header walk comes first).
        List<byte[]> good = new ArrayList<>();
        for (int p = 0; p < 600; p++) {
            good.add(Packets.ltp(408065, 100 + p));
        }
        byte[] body = Packets.frame(good);
        byte[] missing = ByteBuffer.allocate(body.length)
                .put(body)
                .putShort(0, (short) 601)
                .array();
        List<Part> got = new ArrayList<>();
        TickDecoder.Parts found = TickDecoder.decodeInParts(missing, 250, collect(got));
        assertEquals(List.of(), got);
        assertEquals(List.of(DecodeProblem.MISSING_PACKETS), found.problems());
        assertEquals(0, found.parts());

        // The last packet's length runs past the end of the frame.
        byte[] overflow = ByteBuffer.allocate(body.length + 6)
                .put(body)
                .putShort(0, (short) 601)
                .putShort((short) 184)
                .putInt(408065)
                .array();
        found = TickDecoder.decodeInParts(overflow, 250, collect(got));
        assertEquals(List.of(), got);
        assertEquals(List.of(DecodeProblem.LENGTH_OVERFLOW), found.problems());
        assertEquals(List.of(), TickDecoder.decode(overflow).ticks());
    }

    @Test
    void anUnknownPacketIsSkippedAndThePartCountStaysTrue() {
        // 5 good, 1 of an unknown length, 5 good: 10 ticks, so parts of 5 are exactly 2 (not 3, as 11 packets
        // would suggest): the header walk counts only packets of a known length.
        List<byte[]> packets = new ArrayList<>();
        for (int p = 0; p < 11; p++) {
            packets.add(p == 5 ? new byte[13] : Packets.ltp(1000 + p, 100 + p));
        }
        byte[] frame = Packets.frame(packets);
        List<Part> got = new ArrayList<>();
        TickDecoder.Parts found = TickDecoder.decodeInParts(frame, 5, collect(got));
        assertEquals(List.of(DecodeProblem.UNKNOWN_PACKET_LENGTH), found.problems());
        assertPartsAreTruthful(got, found, 5);
        assertEquals(2, got.size());
        assertEquals(
                List.of(1000L, 1001L, 1002L, 1003L, 1004L, 1006L, 1007L, 1008L, 1009L, 1010L),
                concat(got).stream().map(Tick::instrumentToken).toList());
        assertEquals(TickDecoder.decode(frame).ticks(), concat(got));

        // Unknown packets at the end of a part and at the end of the frame; only unknown packets: no part at all.
        got.clear();
        found = TickDecoder.decodeInParts(
                Packets.frame(
                        List.of(Packets.ltp(1, 1), Packets.ltp(2, 2), new byte[9], Packets.ltp(3, 3), new byte[9])),
                2,
                collect(got));
        assertPartsAreTruthful(got, found, 2);
        assertEquals(List.of(2, 1), got.stream().map(p -> p.ticks().size()).toList());
        got.clear();
        found = TickDecoder.decodeInParts(Packets.frame(List.of(new byte[9], new byte[10])), 2, collect(got));
        assertEquals(List.of(), got);
        assertEquals(
                List.of(DecodeProblem.UNKNOWN_PACKET_LENGTH, DecodeProblem.UNKNOWN_PACKET_LENGTH), found.problems());
    }

    @Test
    void trailingBytesKeepTheTicksAndAreReported() {
        byte[] body = Packets.frame(List.of(Packets.ltp(1, 1), Packets.ltp(2, 2), Packets.ltp(3, 3)));
        byte[] trailing = ByteBuffer.allocate(body.length + 3).put(body).array();
        List<Part> got = new ArrayList<>();
        TickDecoder.Parts found = TickDecoder.decodeInParts(trailing, 2, collect(got));
        assertEquals(List.of(DecodeProblem.TRAILING_BYTES), found.problems());
        assertEquals(3, concat(got).size());
        assertPartsAreTruthful(got, found, 2);
    }

    @Test
    void aSinkThatSaysStopGetsNoFurtherPart() {
        List<byte[]> packets = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            packets.add(Packets.ltp(1000 + p, 100));
        }
        packets.add(new byte[3]);
        List<Part> got = new ArrayList<>();
        TickDecoder.Parts found = TickDecoder.decodeInParts(Packets.frame(packets), 4, (ticks, part, parts) -> {
            got.add(new Part(ticks, part, parts));
            return false;
        });
        assertEquals(1, got.size());
        assertEquals(3, found.parts());
        assertEquals(List.of(DecodeProblem.UNKNOWN_PACKET_LENGTH), found.problems(), "problems are all reported");
    }

    @Test
    void heartbeatsAndEmptyFramesHandOverNothing() {
        List<Part> got = new ArrayList<>();
        assertTrue(TickDecoder.decodeInParts(new byte[] {0}, 250, collect(got)).heartbeat());
        assertEquals(
                List.of(DecodeProblem.BAD_HEARTBEAT),
                TickDecoder.decodeInParts(new byte[] {4}, 250, collect(got)).problems());
        assertEquals(
                List.of(DecodeProblem.TRUNCATED_HEADER),
                TickDecoder.decodeInParts(new byte[0], 250, collect(got)).problems());
        assertEquals(
                List.of(),
                TickDecoder.decodeInParts(new byte[] {0, 0}, 250, collect(got)).problems());
        assertEquals(List.of(), got);
        assertThrows(IllegalArgumentException.class, () -> TickDecoder.decodeInParts(new byte[] {0}, 0, collect(got)));
    }

    private static TickDecoder.PartSink collect(List<Part> into) {
        return (ticks, part, parts) -> into.add(new Part(ticks, part, parts));
    }

    private static List<Tick> concat(List<Part> parts) {
        List<Tick> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(p.ticks()));
        return all;
    }

    /** Parts numbered 0..n-1 in order, every one saying n, each full but the last, none empty. */
    private static void assertPartsAreTruthful(List<Part> got, TickDecoder.Parts found, int max) {
        assertEquals(found.parts(), got.size());
        for (int i = 0; i < got.size(); i++) {
            Part p = got.get(i);
            assertEquals(i, p.part());
            assertEquals(got.size(), p.parts());
            assertTrue(!p.ticks().isEmpty() && p.ticks().size() <= max);
            if (i < got.size() - 1) {
                assertEquals(max, p.ticks().size());
            }
        }
        assertEquals(found.ticks(), concat(got).size());
    }
}
