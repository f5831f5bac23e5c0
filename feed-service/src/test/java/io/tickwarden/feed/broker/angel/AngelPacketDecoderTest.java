package io.tickwarden.feed.broker.angel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tickwarden.feed.domain.DecodeProblem;
import io.tickwarden.feed.domain.DepthLevel;
import io.tickwarden.feed.domain.Tick;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden packets: hand-built from the spec table's offsets ({@link AngelPackets}) for an NSE equity (SBIN 3045), an
 * index (Nifty 50, 99926000) and a cde_fo contract (token 1234, divisor 10^7), in all three modes, decoded to
 * exact ticks whose values are written out in rupees here.
 */
class AngelPacketDecoderTest {

    static final long SBIN = 1_000_000_003_045L;
    static final long NIFTY = 1_000_099_926_000L;
    static final long USDINR = 13_000_000_001_234L;
    static final LongPredicate INDICES = Set.of(NIFTY)::contains;
    static final long TS_MS = 1_764_660_615_250L;
    static final long LTT_S = 1_764_660_614L;

    // ---- NSE equity ------------------------------------------------------------------------------------------

    private static AngelPackets sbin(AngelPackets p) {
        p.sequence(991).exchangeTimestampMs(TS_MS).ltpPaise(81_234);
        return p;
    }

    private static AngelPackets sbinQuote(AngelPackets p) {
        return sbin(p).lastQuantity(25)
                .averagePrice(80_950)
                .volume(1_234_567)
                .totalBuy(45_000.0)
                .totalSell(52_500.0)
                .ohlc(80_500, 81_500, 80_100, 80_000);
    }

    @Test
    void equityLtp() {
        Tick t = decode(sbin(AngelPackets.ltp(1, "3045")).bytes());
        assertEquals(
                new Tick(
                        SBIN,
                        "ltp",
                        true,
                        812.34,
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
                        null,
                        Instant.ofEpochMilli(TS_MS),
                        null,
                        null),
                t);
    }

    @Test
    void equityQuote() {
        Tick t = decode(sbinQuote(AngelPackets.quote(1, "3045")).bytes());
        assertEquals(
                new Tick(
                        SBIN,
                        "quote",
                        true,
                        812.34,
                        25.0,
                        809.5,
                        1_234_567L,
                        45_000.0,
                        52_500.0,
                        805.0,
                        815.0,
                        801.0,
                        800.0,
                        (812.34 - 800.0) * 100 / 800.0,
                        null,
                        null,
                        null,
                        null,
                        Instant.ofEpochMilli(TS_MS),
                        null,
                        null),
                t);
        assertEquals(1.5425, t.change(), 1e-9);
    }

    @Test
    void equitySnapQuote() {
        AngelPackets p = sbinQuote(AngelPackets.snapQuote(1, "3045"))
                .lastTradedTimestamp(LTT_S)
                .openInterest(0)
                .oiChangePercent(4.6e18)
                .circuitsAnd52Week(89_355, 73_110, 91_200, 55_565);
        for (int k = 0; k < 5; k++) {
            p.depth(k, 1, 100 + k, 81_230 - 5L * k, 1 + k);
            p.depth(5 + k, 0, 200 + k, 81_235 + 5L * k, 2 + k);
        }
        Tick t = decode(p.bytes());
        List<DepthLevel> bids = List.of(
                new DepthLevel(100, 812.30, 1),
                new DepthLevel(101, 812.25, 2),
                new DepthLevel(102, 812.20, 3),
                new DepthLevel(103, 812.15, 4),
                new DepthLevel(104, 812.10, 5));
        List<DepthLevel> asks = List.of(
                new DepthLevel(200, 812.35, 2),
                new DepthLevel(201, 812.40, 3),
                new DepthLevel(202, 812.45, 4),
                new DepthLevel(203, 812.50, 5),
                new DepthLevel(204, 812.55, 6));
        assertEquals(
                new Tick(
                        SBIN,
                        "full",
                        true,
                        812.34,
                        25.0,
                        809.5,
                        1_234_567L,
                        45_000.0,
                        52_500.0,
                        805.0,
                        815.0,
                        801.0,
                        800.0,
                        (812.34 - 800.0) * 100 / 800.0,
                        Instant.ofEpochSecond(LTT_S),
                        0.0,
                        null,
                        null,
                        Instant.ofEpochMilli(TS_MS),
                        bids,
                        asks),
                t);
    }

    // ---- index -----------------------------------------------------------------------------------------------

    @Test
    void indexLtpIsNotTradable() {
        Tick t = decode(AngelPackets.ltp(1, "99926000")
                .exchangeTimestampMs(TS_MS)
                .ltpPaise(2_435_050)
                .bytes());
        assertEquals(
                new Tick(
                        NIFTY,
                        "ltp",
                        false,
                        24350.5,
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
                        null,
                        Instant.ofEpochMilli(TS_MS),
                        null,
                        null),
                t);
    }

    @Test
    void indexQuote() {
        Tick t = decode(AngelPackets.quote(1, "99926000")
                .exchangeTimestampMs(TS_MS)
                .ltpPaise(2_435_050)
                .ohlc(2_420_000, 2_440_075, 2_415_010, 2_410_000)
                .bytes());
        assertEquals(
                new Tick(
                        NIFTY,
                        "quote",
                        false,
                        24350.5,
                        0.0,
                        0.0,
                        0L,
                        0.0,
                        0.0,
                        24200.0,
                        24400.75,
                        24150.1,
                        24100.0,
                        (24350.5 - 24100.0) * 100 / 24100.0,
                        null,
                        null,
                        null,
                        null,
                        Instant.ofEpochMilli(TS_MS),
                        null,
                        null),
                t);
    }

    @Test
    void indexSnapQuoteWithoutTradeTimeOrDepth() {
        Tick t = decode(AngelPackets.snapQuote(1, "99926000")
                .exchangeTimestampMs(TS_MS)
                .ltpPaise(2_435_050)
                .ohlc(2_420_000, 2_440_075, 2_415_010, 2_410_000)
                .bytes());
        assertEquals("full", t.mode());
        assertEquals(false, t.tradable());
        assertNull(t.lastTradeTime(), "a zero last-traded timestamp is absent");
        assertEquals(0.0, t.oi());
        assertEquals(
                List.of(
                        new DepthLevel(0, 0.0, 0),
                        new DepthLevel(0, 0.0, 0),
                        new DepthLevel(0, 0.0, 0),
                        new DepthLevel(0, 0.0, 0),
                        new DepthLevel(0, 0.0, 0)),
                t.bids());
        assertEquals(24100.0, t.close());
    }

    // ---- cde_fo (currency derivatives, divisor 10^7) -----------------------------------------------------------

    private static AngelPackets usdinr(AngelPackets p) {
        return p.exchangeTimestampMs(TS_MS).ltpPaise(845_025_000L);
    }

    @Test
    void currencyLtpUsesTheLargerDivisor() {
        Tick t = decode(usdinr(AngelPackets.ltp(13, "1234")).bytes());
        assertEquals(
                new Tick(
                        USDINR,
                        "ltp",
                        true,
                        84.5025,
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
                        null,
                        Instant.ofEpochMilli(TS_MS),
                        null,
                        null),
                t);
    }

    @Test
    void currencyQuote() {
        Tick t = decode(usdinr(AngelPackets.quote(13, "1234"))
                .lastQuantity(1)
                .averagePrice(844_900_000L)
                .volume(52_310)
                .totalBuy(1_200.0)
                .totalSell(1_350.0)
                .ohlc(844_000_000L, 845_500_000L, 843_750_000L, 844_500_000L)
                .bytes());
        assertEquals(
                new Tick(
                        USDINR,
                        "quote",
                        true,
                        84.5025,
                        1.0,
                        84.49,
                        52_310L,
                        1_200.0,
                        1_350.0,
                        84.4,
                        84.55,
                        84.375,
                        84.45,
                        (84.5025 - 84.45) * 100 / 84.45,
                        null,
                        null,
                        null,
                        null,
                        Instant.ofEpochMilli(TS_MS),
                        null,
                        null),
                t);
    }

    @Test
    void currencySnapQuote() {
        AngelPackets p = usdinr(AngelPackets.snapQuote(13, "1234"))
                .lastQuantity(1)
                .averagePrice(844_900_000L)
                .volume(52_310)
                .totalBuy(1_200.0)
                .totalSell(1_350.0)
                .ohlc(844_000_000L, 845_500_000L, 843_750_000L, 844_500_000L)
                .lastTradedTimestamp(LTT_S)
                .openInterest(1_876_543);
        for (int k = 0; k < 5; k++) {
            p.depth(k, 1, 10 + k, 845_000_000L - 25_000L * k, 1);
            p.depth(5 + k, 0, 20 + k, 845_050_000L + 25_000L * k, 3);
        }
        Tick t = decode(p.bytes());
        assertEquals(84.5025, t.lastPrice());
        assertEquals(1_876_543.0, t.oi());
        assertEquals(Instant.ofEpochSecond(LTT_S), t.lastTradeTime());
        assertEquals(
                List.of(
                        new DepthLevel(10, 84.5, 1),
                        new DepthLevel(11, 84.4975, 1),
                        new DepthLevel(12, 84.495, 1),
                        new DepthLevel(13, 84.4925, 1),
                        new DepthLevel(14, 84.49, 1)),
                t.bids());
        assertEquals(
                List.of(
                        new DepthLevel(20, 84.505, 3),
                        new DepthLevel(21, 84.5075, 3),
                        new DepthLevel(22, 84.51, 3),
                        new DepthLevel(23, 84.5125, 3),
                        new DepthLevel(24, 84.515, 3)),
                t.asks());
    }

    // ---- edges -----------------------------------------------------------------------------------------------

    @Test
    void ltpIsReadAsInt64() {
        long paise = 3_000_000_000L; // above 2^31: the JavaScript SDK's int32 read would wrap here
        assertEquals(
                30_000_000.0,
                decode(AngelPackets.ltp(5, "444").ltpPaise(paise).bytes()).lastPrice());
    }

    @Test
    void aLastTradedTimestampInMillisecondsIsReadAsSuch() {
        Tick t = decode(sbinQuote(AngelPackets.snapQuote(1, "3045"))
                .lastTradedTimestamp(LTT_S * 1000 + 500)
                .bytes());
        assertEquals(Instant.ofEpochMilli(LTT_S * 1000 + 500), t.lastTradeTime());
    }

    @Test
    void tokenIsTheAsciiUpToTheFirstNul() {
        byte[] p = AngelPackets.ltp(2, "53001").bytes();
        assertEquals(2_000_000_053_001L, decode(p).instrumentToken());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 27, 50, 52, 122, 124, 378, 380, 443, 1024})
    void otherLengthsAreAProblemNotACrash(int length) {
        byte[] p = new byte[length];
        if (length > 1) {
            p[0] = 1;
            p[1] = 1;
        }
        assertEquals(DecodeProblem.UNKNOWN_PACKET_LENGTH, problem(p));
    }

    @Test
    void unknownExchangeTypeIsAProblem() {
        assertEquals(
                DecodeProblem.UNKNOWN_EXCHANGE_TYPE,
                problem(AngelPackets.ltp(6, "3045").bytes()));
        assertEquals(
                DecodeProblem.UNKNOWN_EXCHANGE_TYPE,
                problem(AngelPackets.quote(0, "3045").bytes()));
        assertEquals(
                DecodeProblem.UNKNOWN_EXCHANGE_TYPE,
                problem(AngelPackets.snapQuote(200, "3045").bytes()));
    }

    @Test
    void aTokenThatIsNotANumberIsAProblem() {
        assertEquals(
                DecodeProblem.BAD_TOKEN, problem(AngelPackets.ltp(1, "SBIN").bytes()));
        assertEquals(DecodeProblem.BAD_TOKEN, problem(AngelPackets.ltp(1, "").bytes()));
        assertEquals(
                DecodeProblem.BAD_TOKEN,
                problem(AngelPackets.ltp(1, "1234567890123").bytes()));
    }

    @Test
    void aModeByteThatDoesNotFitTheLengthIsAProblem() {
        assertEquals(
                DecodeProblem.MODE_MISMATCH,
                problem(AngelPackets.ltp(1, "3045").rawByte(0, 3).bytes()));
        assertEquals(
                DecodeProblem.MODE_MISMATCH,
                problem(AngelPackets.snapQuote(1, "3045").rawByte(0, 2).bytes()));
        assertEquals(
                DecodeProblem.MODE_MISMATCH,
                problem(AngelPackets.quote(1, "3045").rawByte(0, 4).bytes()));
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(14);
        for (int i = 0; i < 5_000; i++) {
            int length = switch (i % 4) {
                case 0 -> 51;
                case 1 -> 123;
                case 2 -> 379;
                default -> random.nextInt(500);
            };
            byte[] p = new byte[length];
            random.nextBytes(p);
            AngelPacketDecoder.Result r = AngelPacketDecoder.decode(p, INDICES);
            assertEquals(r.tick() == null, r.problem() != null);
        }
    }

    private static Tick decode(byte[] packet) {
        AngelPacketDecoder.Result r = AngelPacketDecoder.decode(packet, INDICES);
        assertNull(r.problem(), "problem: " + r.problem());
        assertNotNull(r.tick());
        return r.tick();
    }

    private static DecodeProblem problem(byte[] packet) {
        AngelPacketDecoder.Result r = AngelPacketDecoder.decode(packet, INDICES);
        assertNull(r.tick());
        return r.problem();
    }
}
