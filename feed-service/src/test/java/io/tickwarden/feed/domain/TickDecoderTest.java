package io.tickwarden.feed.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickDecoderTest {

    @Test
    void officialMockFullPacket() {
        DecodedFrame f = TickDecoder.decode(Packets.frame(List.of(Packets.officialMockFull())));
        assertEquals(List.of(), f.problems());
        Tick t = f.ticks().get(0);
        assertEquals(408065, t.instrumentToken());
        assertEquals("full", t.mode());
        assertTrue(t.tradable());
        assertEquals(1573.70, t.lastPrice(), 1e-9);
        assertEquals(7, t.lastQuantity());
        assertEquals(1570.37, t.averagePrice(), 1e-9);
        assertEquals(1192471L, t.volume());
        assertEquals(256443, t.buyQuantity());
        assertEquals(363009, t.sellQuantity());
        assertEquals(1569.15, t.open(), 1e-9);
        assertEquals(1575.00, t.high(), 1e-9);
        assertEquals(1561.05, t.low(), 1e-9);
        assertEquals(1567.80, t.close(), 1e-9);
        assertEquals(Instant.ofEpochSecond(1625461887), t.lastTradeTime());
        assertEquals(Instant.ofEpochSecond(1625461887), t.exchangeTimestamp());
        assertEquals(new DepthLevel(5, 1573.40, 1), t.bids().get(0));
        assertEquals(new DepthLevel(172, 1573.70, 3), t.asks().get(0));
        assertEquals((1573.70 - 1567.80) * 100 / 1567.80, t.change(), 1e-9);
    }

    @Test
    void ltpIndexAndDivisors() {
        int cds = (5000 << 8) | 3;
        int bcd = (5001 << 8) | 6;
        int nifty = 256265;
        DecodedFrame f = TickDecoder.decode(Packets.frame(List.of(
                Packets.ltp(cds, 834_512_345),
                Packets.ltp(bcd, 834_512),
                Packets.index(nifty, 2_435_050, 2_440_000, 2_430_000, 2_431_000, 2_420_000, 15_050, 1_700_000_000),
                Packets.index(nifty, 2_435_050, 2_440_000, 2_430_000, 2_431_000, 2_420_000, 15_050, null))));
        assertEquals(List.of(), f.problems());
        assertEquals(83.4512345, f.ticks().get(0).lastPrice(), 1e-9);
        assertEquals(83.4512, f.ticks().get(1).lastPrice(), 1e-9);
        Tick index = f.ticks().get(2);
        assertFalse(index.tradable());
        assertEquals("full", index.mode());
        assertEquals(24350.50, index.lastPrice(), 1e-9);
        assertEquals(Instant.ofEpochSecond(1_700_000_000), index.exchangeTimestamp());
        assertEquals("quote", f.ticks().get(3).mode());
        assertNull(f.ticks().get(3).exchangeTimestamp());
    }

    @Test
    void heartbeatIsNotAProblem() {
        DecodedFrame f = TickDecoder.decode(new byte[] {0});
        assertTrue(f.heartbeat());
        assertEquals(List.of(), f.problems());
        assertEquals(
                List.of(DecodeProblem.BAD_HEARTBEAT),
                TickDecoder.decode(new byte[] {5}).problems());
    }

    @Test
    void malformedFramesAreReportedAndBrokenFramingYieldsNoTicks() {
        // The count promises three packets; only one follows (the sim's first malformed kind): nothing is trusted.
        byte[] missing = ByteBuffer.allocate(12)
                .putShort((short) 3)
                .putShort((short) 8)
                .putInt(408065)
                .putInt(100)
                .array();
        DecodedFrame f = TickDecoder.decode(missing);
        assertEquals(0, f.ticks().size());
        assertEquals(List.of(DecodeProblem.MISSING_PACKETS), f.problems());

        byte[] odd = ByteBuffer.allocate(17)
                .putShort((short) 1)
                .putShort((short) 13)
                .putInt(408065)
                .array();
        assertEquals(
                List.of(DecodeProblem.UNKNOWN_PACKET_LENGTH),
                TickDecoder.decode(odd).problems());

        byte[] overflow = ByteBuffer.allocate(8)
                .putShort((short) 1)
                .putShort((short) 184)
                .putInt(408065)
                .array();
        assertEquals(
                List.of(DecodeProblem.LENGTH_OVERFLOW),
                TickDecoder.decode(overflow).problems());

        assertFalse(
                TickDecoder.decode(new byte[] {(byte) 0xFF, 0x7F}).problems().isEmpty());
        assertEquals(
                List.of(DecodeProblem.TRUNCATED_HEADER),
                TickDecoder.decode(new byte[0]).problems());
    }
}
