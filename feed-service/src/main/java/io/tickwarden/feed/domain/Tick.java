package io.tickwarden.feed.domain;

import java.time.Instant;
import java.util.List;

/**
 * One decoded ticker packet. Values follow Kite's own clients exactly (the conformance test holds us to
 * KiteTicker): prices divided by the segment divisor, {@code change} = percent change of last price against close
 * (computed, as KiteTicker does, even for index packets that carry an absolute change), epoch-second times as
 * instants (null when absent or not positive). Fields the packet does not carry are null.
 *
 * @param mode  {@code ltp}, {@code quote} or {@code full} as KiteTicker names them (index 28 bytes = quote, 32 = full)
 * @param bids  5 levels in full mode, else null
 */
public record Tick(
        long instrumentToken,
        String mode,
        boolean tradable,
        double lastPrice,
        Double lastQuantity,
        Double averagePrice,
        Long volume,
        Double buyQuantity,
        Double sellQuantity,
        Double open,
        Double high,
        Double low,
        Double close,
        Double change,
        Instant lastTradeTime,
        Double oi,
        Double oiDayHigh,
        Double oiDayLow,
        Instant exchangeTimestamp,
        List<DepthLevel> bids,
        List<DepthLevel> asks) {

    public int segment() {
        return (int) (instrumentToken & 0xFF);
    }
}
