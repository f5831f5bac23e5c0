package io.tickwarden.smartapisim.rest;

import io.tickwarden.sim.DepthLevel;
import io.tickwarden.sim.QuoteSnapshot;
import io.tickwarden.sim.SimClock;
import io.tickwarden.smartapisim.domain.AngelInstrument;
import io.tickwarden.smartapisim.domain.DerivedPrices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code data.fetched[]} entry of the quote endpoint in Angel's field names, for LTP, OHLC or FULL, in rupees.
 * Read from the same snapshot the stream encodes, so a quote and a packet of the same instant carry the same values.
 */
final class QuoteJson {

    /** Angel's exchange times: IST wall clock, e.g. {@code 21-Jun-2023 10:46:10}. */
    static final DateTimeFormatter FEED_TIME =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ENGLISH).withZone(SimClock.IST);

    private QuoteJson() {}

    static Map<String, Object> entry(String mode, AngelInstrument in, QuoteSnapshot s) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("exchange", in.exchSeg());
        q.put("tradingSymbol", in.symbol());
        q.put("symbolToken", in.token());
        q.put("ltp", rupees(in, s.lastPrice()));
        if (mode.equals("LTP")) {
            return q;
        }
        q.put("open", rupees(in, s.open()));
        q.put("high", rupees(in, s.high()));
        q.put("low", rupees(in, s.low()));
        q.put("close", rupees(in, s.close()));
        if (mode.equals("OHLC")) {
            return q;
        }
        q.put("lastTradeQty", s.lastQuantity());
        q.put("exchFeedTime", FEED_TIME.format(Instant.ofEpochSecond(s.exchangeTimestamp())));
        q.put("exchTradeTime", FEED_TIME.format(Instant.ofEpochSecond(s.lastTradeTime())));
        q.put("netChange", rupees(in, s.lastPrice() - s.close()));
        q.put(
                "percentChange",
                s.close() == 0
                        ? 0.0
                        : BigDecimal.valueOf((s.lastPrice() - s.close()) * 100.0 / s.close())
                                .setScale(2, RoundingMode.HALF_UP)
                                .doubleValue());
        q.put("avgPrice", rupees(in, s.averagePrice()));
        q.put("tradeVolume", s.volume());
        q.put("opnInterest", s.oi());
        q.put("lowerCircuit", rupees(in, DerivedPrices.lowerCircuit(s)));
        q.put("upperCircuit", rupees(in, DerivedPrices.upperCircuit(s)));
        q.put("totBuyQuan", s.buyQuantity());
        q.put("totSellQuan", s.sellQuantity());
        q.put("52WeekLow", rupees(in, DerivedPrices.week52Low(s)));
        q.put("52WeekHigh", rupees(in, DerivedPrices.week52High(s)));
        Map<String, Object> depth = new LinkedHashMap<>();
        depth.put("buy", levels(in, s.bids()));
        depth.put("sell", levels(in, s.asks()));
        q.put("depth", depth);
        return q;
    }

    private static List<Map<String, Object>> levels(AngelInstrument in, List<DepthLevel> levels) {
        List<Map<String, Object>> out = new ArrayList<>(levels.size());
        for (DepthLevel l : levels) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("price", rupees(in, l.priceUnits()));
            m.put("quantity", l.quantity());
            m.put("orders", l.orders());
            out.add(m);
        }
        return out;
    }

    /** Exact decimal rupees (no binary-fraction noise such as 571.8000000001). */
    static double rupees(AngelInstrument in, long units) {
        return BigDecimal.valueOf(units)
                .divide(BigDecimal.valueOf(in.unitsPerRupee()))
                .doubleValue();
    }
}
