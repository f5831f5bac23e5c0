package io.tickwarden.gateway.domain;

import io.tickwarden.contracts.feed.FeedCandle;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds candles of any {@link CandleInterval} from the feed's 1-minute candles of one IST trading day. Buckets are
 * aligned to IST minutes since midnight, so 5m and 15m candles start at 09:15, 09:20, ... like every Indian charting
 * platform's. Pure: the day and the candles are passed in.
 */
public final class CandleAggregation {

    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private CandleAggregation() {
    }

    /** {@code oneMinute}: the day's 1-minute candles in any order (field {@code HH:mm} already in {@code start}). */
    public static List<Candle> aggregate(LocalDate day, List<FeedCandle> oneMinute, CandleInterval interval) {
        List<FeedCandle> sorted = new ArrayList<>(oneMinute);
        sorted.sort(Comparator.comparing(c -> LocalTime.parse(c.start())));
        List<Candle> out = new ArrayList<>();
        Candle open = null;
        for (FeedCandle c : sorted) {
            int minuteOfDay = LocalTime.parse(c.start()).toSecondOfDay() / 60;
            int bucket = minuteOfDay - minuteOfDay % interval.minutes();
            var start = day.atTime(LocalTime.ofSecondOfDay(bucket * 60L)).atZone(IST).toOffsetDateTime();
            if (open != null && open.start().equals(start)) {
                open = new Candle(start, open.open(), Math.max(open.high(), c.high()), Math.min(open.low(), c.low()),
                        c.close(), open.volume() + c.volume(), open.ticks() + c.ticks(), open.minutes() + 1);
            } else {
                if (open != null) {
                    out.add(open);
                }
                open = new Candle(start, c.open(), c.high(), c.low(), c.close(), c.volume(), c.ticks(), 1);
            }
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }
}
