package io.tickwarden.sim;

import java.util.List;

/**
 * The immutable state of one instrument after a market step: what REST quotes return and what ticks encode,
 * so the two always agree. Prices are integer units of the segment divisor; times are epoch seconds.
 *
 * @param sequence increases by one on every change of this instrument
 */
public record QuoteSnapshot(
        Instrument instrument,
        long sequence,
        long lastPrice,
        int lastQuantity,
        long averagePrice,
        long volume,
        long buyQuantity,
        long sellQuantity,
        long open,
        long high,
        long low,
        long close,
        long lastTradeTime,
        long oi,
        long oiDayHigh,
        long oiDayLow,
        long exchangeTimestamp,
        List<DepthLevel> bids,
        List<DepthLevel> asks) {

    public long token() {
        return instrument.instrumentToken();
    }

    /** Absolute change from the previous close, in units (what index packets carry). */
    public long changeUnits() {
        return lastPrice - close;
    }
}
