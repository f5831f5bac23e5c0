package io.tickwarden.gateway.domain;

import io.tickwarden.contracts.Ist;
import io.tickwarden.contracts.feed.FeedCandle;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds candles of any {@link CandleInterval} from the feed's 1-minute candles of one IST trading day. Buckets are
 * aligned to IST minutes since midnight, so 5m and 15m candles start at 09:15, 09:20, ... like every Indian charting
 * platform's. Pure: the day and the candles are passed in.
 */
public final class CandleAggregation {

    public static final ZoneId IST = Ist.ZONE;

    private CandleAggregation() {}

    /**
     * {@code oneMinute}: the day's 1-minute candles by their hash field ({@code HH:mm}, the IST minute they start),
     * in any order. The field, not the candle's {@code start} text, places a candle: it is what the feed keys by.
     */
    public static List<Candle> aggregate(LocalDate day, Map<String, FeedCandle> oneMinute, CandleInterval interval) {
        List<Map.Entry<LocalTime, FeedCandle>> sorted = new ArrayList<>(oneMinute.size());
        oneMinute.forEach((field, candle) -> sorted.add(Map.entry(LocalTime.parse(field), candle)));
        sorted.sort(Map.Entry.comparingByKey());
        List<Candle> out = new ArrayList<>();
        Candle open = null;
        for (Map.Entry<LocalTime, FeedCandle> e : sorted) {
            FeedCandle c = e.getValue();
            int minuteOfDay = e.getKey().toSecondOfDay() / 60;
            int bucket = minuteOfDay - minuteOfDay % interval.minutes();
            var start = day.atTime(LocalTime.ofSecondOfDay(bucket * 60L))
                    .atZone(IST)
                    .toOffsetDateTime();
            if (open != null && open.start().equals(start)) {
                open = new Candle(
                        start,
                        open.open(),
                        Math.max(open.high(), c.high()),
                        Math.min(open.low(), c.low()),
                        c.close(),
                        open.volume() + c.volume(),
                        open.ticks() + c.ticks(),
                        open.minutes() + 1);
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
