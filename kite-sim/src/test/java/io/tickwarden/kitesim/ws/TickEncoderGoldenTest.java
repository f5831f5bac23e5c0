package io.tickwarden.kitesim.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwarden.kitesim.domain.TickMode;
import io.tickwarden.sim.DepthLevel;
import io.tickwarden.sim.Instrument;
import io.tickwarden.sim.QuoteSnapshot;
import io.tickwarden.sim.Segment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte-level golden tests: our encoder reproduces Kite's official mock packets exactly. */
class TickEncoderGoldenTest {

    private static final Instrument INFY =
            new Instrument(408065, 1594, "INFY", "INFOSYS", Segment.NSE, "NSE", "EQ", null, 0, 5, 1, 157370);
    private static final Instrument NIFTY = new Instrument(
            256265, 1001, "NIFTY 50", "NIFTY 50", Segment.INDICES, "NSE", "EQ", null, 0, 5, 0, 2_435_000);

    @Test
    void fullPacketMatchesOfficialMock() throws IOException {
        QuoteSnapshot s = new QuoteSnapshot(
                INFY,
                1,
                157370,
                7,
                157037,
                1192471,
                256443,
                363009,
                156915,
                157500,
                156105,
                156780,
                1625461887,
                0,
                0,
                0,
                1625461887,
                List.of(
                        new DepthLevel(5, 157340, 1),
                        new DepthLevel(140, 157300, 2),
                        new DepthLevel(2, 157295, 1),
                        new DepthLevel(219, 157290, 7),
                        new DepthLevel(50, 157285, 1)),
                List.of(
                        new DepthLevel(172, 157370, 3),
                        new DepthLevel(44, 157375, 3),
                        new DepthLevel(302, 157385, 3),
                        new DepthLevel(141, 157390, 2),
                        new DepthLevel(724, 157395, 5)));
        assertArrayEquals(mock("ticker_full.packet"), TickEncoder.packet(s, TickMode.FULL));
    }

    @Test
    void quotePacketMatchesOfficialMock() throws IOException {
        QuoteSnapshot s = new QuoteSnapshot(
                INFY, 1, 157315, 1, 157033, 1175986, 256511, 360503, 156915, 157500, 156105, 156780, 0, 0, 0, 0, 0,
                List.of(), List.of());
        assertArrayEquals(mock("ticker_quote.packet"), TickEncoder.packet(s, TickMode.QUOTE));
    }

    @Test
    void indexPacketsCarryAbsoluteChangeAndTimestamp() {
        QuoteSnapshot s = new QuoteSnapshot(
                NIFTY,
                1,
                2_435_055,
                0,
                0,
                0,
                0,
                0,
                2_430_000,
                2_440_000,
                2_420_000,
                2_425_000,
                0,
                0,
                0,
                0,
                1_700_000_000,
                List.of(),
                List.of());
        byte[] quote = TickEncoder.packet(s, TickMode.QUOTE);
        byte[] full = TickEncoder.packet(s, TickMode.FULL);
        assertEquals(28, quote.length);
        assertEquals(32, full.length);
        ByteBuffer b = ByteBuffer.wrap(full);
        assertEquals(256265, b.getInt());
        assertEquals(2_435_055, b.getInt());
        assertEquals(2_440_000, b.getInt()); // high
        assertEquals(2_420_000, b.getInt()); // low
        assertEquals(2_430_000, b.getInt()); // open
        assertEquals(2_425_000, b.getInt()); // close
        assertEquals(10_055, b.getInt()); // change = ltp - close, absolute, in paise
        assertEquals(1_700_000_000, b.getInt());
        assertEquals(8, TickEncoder.packet(s, TickMode.LTP).length);
    }

    @Test
    void frameCarriesCountAndLengthPrefixes() {
        QuoteSnapshot s = new QuoteSnapshot(
                INFY, 1, 157370, 7, 157037, 1192471, 256443, 363009, 156915, 157500, 156105, 156780, 1, 0, 0, 0, 1,
                List.of(), List.of());
        byte[] frame = TickEncoder.frame(List.of(s, s, s), List.of(TickMode.LTP, TickMode.QUOTE, TickMode.FULL));
        ByteBuffer b = ByteBuffer.wrap(frame);
        assertEquals(3, b.getShort());
        assertEquals(8, b.getShort());
        b.position(b.position() + 8);
        assertEquals(44, b.getShort());
        b.position(b.position() + 44);
        assertEquals(184, b.getShort());
        assertEquals(2 + 3 * 2 + 8 + 44 + 184, frame.length);
    }

    static byte[] mock(String name) throws IOException {
        try (InputStream in = TickEncoderGoldenTest.class.getResourceAsStream("/kite-mocks/" + name)) {
            return Base64.getDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }
}
