package io.tickwarden.feed.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zerodhatech.models.Depth;
import com.zerodhatech.ticker.KiteTicker;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The conformance oracle: kiteconnect 3.5.1's own KiteTicker parser ({@code private parseBinary}, called
 * reflectively; constructing a KiteTicker opens no socket). Test scope only.
 */
public final class KiteTickerOracle {

    private final KiteTicker ticker = new KiteTicker("unused-token", "unused-key");
    private final Method parse;

    public KiteTickerOracle() {
        try {
            parse = KiteTicker.class.getDeclaredMethod("parseBinary", byte[].class);
            parse.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("kiteconnect changed: no parseBinary(byte[])", e);
        }
    }

    @SuppressWarnings("unchecked")
    public List<com.zerodhatech.models.Tick> parse(byte[] frame) {
        try {
            return new ArrayList<>((List<com.zerodhatech.models.Tick>) parse.invoke(ticker, (Object) frame));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts our decoder and KiteTicker agree tick for tick, field for field, on one frame. */
    public void assertAgree(byte[] frame) {
        List<Tick> ours = TickDecoder.decode(frame).ticks();
        List<com.zerodhatech.models.Tick> theirs = parse(frame);
        assertEquals(theirs.size(), ours.size(), "tick count");
        for (int i = 0; i < ours.size(); i++) {
            assertSame(ours.get(i), theirs.get(i));
        }
    }

    public static void assertSame(Tick o, com.zerodhatech.models.Tick k) {
        String at = "token " + o.instrumentToken() + " (" + o.mode() + "): ";
        assertEquals(k.getInstrumentToken(), o.instrumentToken(), at + "token");
        assertEquals(k.getMode(), o.mode(), at + "mode");
        assertEquals(k.isTradable(), o.tradable(), at + "tradable");
        assertEquals(k.getLastTradedPrice(), o.lastPrice(), 0.0, at + "last price");
        assertEquals(k.getLastTradedQuantity(), z(o.lastQuantity()), 0.0, at + "last qty");
        assertEquals(k.getAverageTradePrice(), z(o.averagePrice()), 0.0, at + "avg");
        assertEquals(k.getVolumeTradedToday(), o.volume() == null ? 0 : o.volume(), at + "volume");
        assertEquals(k.getTotalBuyQuantity(), z(o.buyQuantity()), 0.0, at + "buy qty");
        assertEquals(k.getTotalSellQuantity(), z(o.sellQuantity()), 0.0, at + "sell qty");
        assertEquals(k.getOpenPrice(), z(o.open()), 0.0, at + "open");
        assertEquals(k.getHighPrice(), z(o.high()), 0.0, at + "high");
        assertEquals(k.getLowPrice(), z(o.low()), 0.0, at + "low");
        assertEquals(k.getClosePrice(), z(o.close()), 0.0, at + "close");
        assertEquals(k.getChange(), z(o.change()), 1e-12, at + "change");
        assertEquals(
                millis(k.getLastTradedTime()),
                o.lastTradeTime() == null ? null : o.lastTradeTime().toEpochMilli(),
                at + "ltt");
        assertEquals(
                millis(k.getTickTimestamp()),
                o.exchangeTimestamp() == null ? null : o.exchangeTimestamp().toEpochMilli(),
                at + "ts");
        assertEquals(k.getOi(), z(o.oi()), 0.0, at + "oi");
        assertEquals(k.getOpenInterestDayHigh(), z(o.oiDayHigh()), 0.0, at + "oi high");
        assertEquals(k.getOpenInterestDayLow(), z(o.oiDayLow()), 0.0, at + "oi low");
        Map<String, ArrayList<Depth>> depth = k.getMarketDepth();
        if (depth == null) {
            assertEquals(null, o.bids(), at + "depth");
        } else {
            assertDepth(depth.get("buy"), o.bids(), at + "bids");
            assertDepth(depth.get("sell"), o.asks(), at + "asks");
        }
    }

    private static void assertDepth(List<Depth> k, List<DepthLevel> o, String at) {
        assertEquals(k.size(), o.size(), at);
        for (int i = 0; i < k.size(); i++) {
            assertEquals(k.get(i).getQuantity(), o.get(i).quantity(), at + " qty " + i);
            assertEquals(k.get(i).getPrice(), o.get(i).price(), 0.0, at + " price " + i);
            assertEquals(k.get(i).getOrders(), o.get(i).orders(), at + " orders " + i);
        }
    }

    private static double z(Double v) {
        return v == null ? 0 : v;
    }

    private static Long millis(Date d) {
        return d == null ? null : d.getTime();
    }
}
