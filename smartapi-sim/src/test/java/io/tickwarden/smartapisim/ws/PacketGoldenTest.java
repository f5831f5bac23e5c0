package io.tickwarden.smartapisim.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwarden.sim.DepthLevel;
import io.tickwarden.sim.Instrument;
import io.tickwarden.sim.QuoteSnapshot;
import io.tickwarden.sim.Segment;
import io.tickwarden.smartapisim.domain.AngelInstrument;
import io.tickwarden.smartapisim.domain.ExchangeType;
import io.tickwarden.smartapisim.domain.StreamMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The three packet layouts pinned byte for byte against the table in Angel's WebSocket 2.0 documentation (as in
 * shared/spec/smartapi-wire.md): every field at its offset, little-endian, and the exact sizes 51, 123 and 379. The
 * expected packets are written field by field at absolute offsets, independently of the encoder's sequential writes.
 */
class PacketGoldenTest {

    private static final Instrument SBIN_NSE =
            new Instrument(779521, 3045, "SBIN", "SBIN", Segment.NSE, "NSE", "EQ", null, 0, 5, 1, 57_160);
    private static final AngelInstrument SBIN = new AngelInstrument(
            0,
            SBIN_NSE,
            "3045",
            "SBIN-EQ",
            "SBIN",
            "",
            "-1.000000",
            "1",
            "",
            "NSE",
            "5.000000",
            Optional.of(ExchangeType.NSE_CM));

    /** SBIN at 571.60: bids 571.55 down, asks 571.60 up; close 566.50, so circuits 623.15 / 509.85. */
    private static QuoteSnapshot snapshot() {
        List<DepthLevel> bids = List.of(
                new DepthLevel(100, 57_155, 3),
                new DepthLevel(200, 57_150, 4),
                new DepthLevel(300, 57_145, 5),
                new DepthLevel(400, 57_140, 6),
                new DepthLevel(500, 57_135, 7));
        List<DepthLevel> asks = List.of(
                new DepthLevel(110, 57_160, 2),
                new DepthLevel(210, 57_165, 3),
                new DepthLevel(310, 57_170, 4),
                new DepthLevel(410, 57_175, 5),
                new DepthLevel(510, 57_180, 6));
        return new QuoteSnapshot(
                SBIN_NSE,
                123_456,
                57_160,
                25,
                57_075,
                1_022_000,
                35_440,
                42_040,
                56_875,
                57_200,
                56_705,
                56_650,
                1_687_324_569L,
                0,
                0,
                0,
                1_687_324_570L,
                bids,
                asks);
    }

    @Test
    void ltpPacketIs51BytesAsInTheTable() {
        byte[] packet = PacketEncoder.encode(StreamMode.LTP, SBIN, snapshot());
        // mode 1 | exchange 1 | "3045" + 21 NULs | seq 123456 | ts 1687324570000 ms | ltp 57160 paise (LE)
        String hex = "01" + "01" + "33303435" + "00".repeat(21) + "40e2010000000000" + "90b161dc88010000"
                + "48df000000000000";
        assertEquals(51, packet.length);
        assertEquals(hex, HexFormat.of().formatHex(packet));
    }

    @Test
    void quotePacketIs123BytesAsInTheTable() {
        byte[] packet = PacketEncoder.encode(StreamMode.QUOTE, SBIN, snapshot());
        assertEquals(123, packet.length);
        assertArrayEquals(expectedQuote(123, 2), packet);
    }

    @Test
    void snapQuotePacketIs379BytesAsInTheTable() {
        byte[] packet = PacketEncoder.encode(StreamMode.SNAP_QUOTE, SBIN, snapshot());
        assertEquals(379, packet.length);
        ByteBuffer b = ByteBuffer.wrap(expectedQuote(379, 3)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(123, 1_687_324_569L); // last traded time, epoch s
        b.putLong(131, 0); // open interest
        b.putDouble(139, 0.0); // OI change % (dummy)
        long[][] bids = {{100, 57_155, 3}, {200, 57_150, 4}, {300, 57_145, 5}, {400, 57_140, 6}, {500, 57_135, 7}};
        long[][] asks = {{110, 57_160, 2}, {210, 57_165, 3}, {310, 57_170, 4}, {410, 57_175, 5}, {510, 57_180, 6}};
        for (int i = 0; i < 10; i++) {
            int at = 147 + 20 * i;
            long[] level = i < 5 ? bids[i] : asks[i - 5];
            b.putShort(at, (short) (i < 5 ? 1 : 0)); // flag: 1 buy, 0 sell
            b.putLong(at + 2, level[0]); // quantity
            b.putLong(at + 10, level[1]); // price
            b.putShort(at + 18, (short) level[2]); // orders
        }
        b.putLong(347, 62_315); // upper circuit: close × 1.10
        b.putLong(355, 50_985); // lower circuit: close × 0.90
        b.putLong(363, 70_815); // 52-week high: close × 1.25
        b.putLong(371, 42_490); // 52-week low: close × 0.75
        assertArrayEquals(b.array(), packet);
    }

    @Test
    void depth20PacketIs443BytesWithTwentyLevelsEachSide() {
        byte[] packet = PacketEncoder.encode(StreamMode.DEPTH_20, SBIN, snapshot());
        assertEquals(443, packet.length);
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(4, b.get(0));
        assertEquals(1_687_324_570_000L, b.getLong(27));
        assertEquals(100, b.getInt(43)); // first buy: quantity, price, orders
        assertEquals(57_155, b.getInt(47));
        assertEquals(3, b.getShort(51));
        assertEquals(57_135 - 5 * 15, b.getInt(43 + 19 * 10 + 4), "deeper levels continue a tick apart");
        assertEquals(110, b.getInt(243)); // first sell
        assertEquals(57_160, b.getInt(247));
    }

    @Test
    void indicesCarryNoSequenceAndCdsPricesAreInTenMillionthsOfARupee() {
        Instrument nifty = new Instrument(
                256265, 1001, "NIFTY 50", "NIFTY 50", Segment.INDICES, "NSE", "EQ", null, 0, 5, 0, 2_435_000);
        AngelInstrument angelNifty = new AngelInstrument(
                0,
                nifty,
                "99926000",
                "Nifty 50",
                "NIFTY",
                "",
                "-1.000000",
                "1",
                "AMXIDX",
                "NSE",
                "5.000000",
                Optional.of(ExchangeType.NSE_CM));
        QuoteSnapshot s = new QuoteSnapshot(
                nifty, 77, 2_435_000, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 10, List.of(), List.of());
        ByteBuffer b = ByteBuffer.wrap(PacketEncoder.encode(StreamMode.LTP, angelNifty, s))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, b.getLong(27));
        assertEquals("99926000", new String(b.array(), 2, 8));
        assertEquals(0, b.get(10));

        Instrument usdInr = new Instrument(
                1, 60000, "USDINR26DECFUT", "USDINR", Segment.CDS, "CDS", "FUT", null, 0, 25_000, 1, 845_000_000);
        AngelInstrument angelUsd = new AngelInstrument(
                0,
                usdInr,
                "60000",
                "USDINR29DEC26FUT",
                "USDINR",
                "29DEC2026",
                "-1.000000",
                "1",
                "FUTCUR",
                "CDS",
                "0.250000",
                Optional.of(ExchangeType.CDE_FO));
        QuoteSnapshot u = new QuoteSnapshot(
                usdInr, 1, 845_025_000, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 10, List.of(), List.of());
        ByteBuffer c = ByteBuffer.wrap(PacketEncoder.encode(StreamMode.LTP, angelUsd, u))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(13, c.get(1));
        assertEquals(845_025_000L, c.getLong(43), "84.5025 rupees × 10^7");
    }

    /** The first 123 bytes shared by Quote and SnapQuote, in a packet of {@code size} bytes. */
    private static byte[] expectedQuote(int size, int mode) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) mode);
        b.put(1, (byte) 1); // nse_cm
        b.put(2, "3045".getBytes(), 0, 4); // token, NUL-padded to 25 bytes
        b.putLong(27, 123_456); // sequence
        b.putLong(35, 1_687_324_570_000L); // exchange time, ms
        b.putLong(43, 57_160); // LTP, paise
        b.putLong(51, 25); // last traded quantity
        b.putLong(59, 57_075); // average traded price
        b.putLong(67, 1_022_000); // volume
        b.putDouble(75, 35_440); // total buy quantity (double)
        b.putDouble(83, 42_040); // total sell quantity (double)
        b.putLong(91, 56_875); // open
        b.putLong(99, 57_200); // high
        b.putLong(107, 56_705); // low
        b.putLong(115, 56_650); // close
        return b.array();
    }
}
