package io.tickwarden.feed.broker.kite;

import com.zerodhatech.models.Depth;
import com.zerodhatech.models.Quote;
import io.tickwarden.feed.broker.BrokerQuote;
import io.tickwarden.feed.domain.DepthLevel;
import io.tickwarden.feed.domain.Ist;
import io.tickwarden.feed.domain.Tick;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kiteconnect quotes as our ticks (full mode, the way the socket would have sent them). kiteconnect parses Kite's
 * zone-less IST times in the JVM's zone; they are read back as IST ({@link Ist#fromKiteDate}).
 */
final class KiteQuotes {

    private KiteQuotes() {}

    static List<BrokerQuote> toTicks(Map<String, Quote> quotes, ZoneId jvmZone) {
        List<BrokerQuote> out = new ArrayList<>(quotes.size());
        quotes.forEach((symbol, q) -> {
            boolean tradable = (q.instrumentToken & 0xFF) != 9;
            Double open = q.ohlc == null ? null : q.ohlc.open;
            Double high = q.ohlc == null ? null : q.ohlc.high;
            Double low = q.ohlc == null ? null : q.ohlc.low;
            Double close = q.ohlc == null ? null : q.ohlc.close;
            Double change = close == null || close == 0 ? null : (q.lastPrice - close) * 100 / close;
            out.add(new BrokerQuote(
                    symbol,
                    new Tick(
                            q.instrumentToken,
                            "full",
                            tradable,
                            q.lastPrice,
                            q.lastTradedQuantity,
                            q.averagePrice,
                            (long) q.volumeTradedToday,
                            q.buyQuantity,
                            q.sellQuantity,
                            open,
                            high,
                            low,
                            close,
                            change,
                            Ist.fromKiteDate(q.lastTradedTime, jvmZone),
                            q.oi,
                            q.oiDayHigh,
                            q.oiDayLow,
                            Ist.fromKiteDate(q.timestamp, jvmZone),
                            q.depth == null ? null : levels(q.depth.buy),
                            q.depth == null ? null : levels(q.depth.sell))));
        });
        return out;
    }

    private static List<DepthLevel> levels(List<Depth> levels) {
        if (levels == null) {
            return List.of();
        }
        List<DepthLevel> out = new ArrayList<>(levels.size());
        for (Depth d : levels) {
            out.add(new DepthLevel(d.getQuantity(), d.getPrice(), d.getOrders()));
        }
        return out;
    }
}
