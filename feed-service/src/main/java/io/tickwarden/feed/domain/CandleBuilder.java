package io.tickwarden.feed.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Builds one instrument's 1-minute OHLCV candles from its ticks. The minute is taken from the exchange timestamp
 * when the tick has one, else from the receive time, in IST. Volume within the minute is the growth of Kite's
 * cumulative day volume; a drop (new day, feed restart) starts again from the new value. Not thread-safe.
 */
public final class CandleBuilder {

    /** A finished or in-progress candle; {@code start} is the IST minute. */
    public record Candle(
            LocalDateTime start, double open, double high, double low, double close, long volume, int ticks) {}

    private Candle current;
    private Long lastCumulativeVolume;

    /** Adds a tick and returns the candle it now belongs to (the updated current candle). */
    public Candle add(Instant at, double price, Long cumulativeVolume) {
        LocalDateTime minute = LocalDateTime.ofInstant(at, Ist.ZONE).truncatedTo(ChronoUnit.MINUTES);
        long traded = 0;
        if (cumulativeVolume != null) {
            if (lastCumulativeVolume != null && cumulativeVolume >= lastCumulativeVolume) {
                traded = cumulativeVolume - lastCumulativeVolume;
            }
            lastCumulativeVolume = cumulativeVolume;
        }
        if (current == null || minute.isAfter(current.start())) {
            current = new Candle(minute, price, price, price, price, traded, 1);
        } else if (minute.isBefore(current.start())) {
            // A late tick for an older minute: keep the current candle, the old one is already written.
            return current;
        } else {
            current = new Candle(
                    current.start(),
                    current.open(),
                    Math.max(current.high(), price),
                    Math.min(current.low(), price),
                    price,
                    current.volume() + traded,
                    current.ticks() + 1);
        }
        return current;
    }
}
