package io.tickwarden.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.contracts.feed.FeedCandle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandleRulesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    /** As the feed writes them: field HH:mm, start the full IST time. */
    private static Map.Entry<String, FeedCandle> m(
            String hhmm, double o, double h, double l, double c, long v, int ticks) {
        return Map.entry(hhmm, new FeedCandle(DAY + "T" + hhmm + ":00+05:30", o, h, l, c, v, ticks));
    }

    private static Map<String, FeedCandle> day(List<Map.Entry<String, FeedCandle>> entries) {
        Map<String, FeedCandle> m = new HashMap<>();
        entries.forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    @Test
    void fiveMinuteCandlesAreBuiltOnIstBoundariesFromTheMinutesInside() {
        Map<String, FeedCandle> minutes = day(List.of(
                m("09:19", 103, 104, 101, 102, 30, 3), // out of order on purpose: a HASH has no order
                m("09:15", 100, 101, 99, 100.5, 10, 1),
                m("09:16", 100.5, 105, 100, 104, 20, 2),
                m("09:20", 102, 102, 98, 99, 5, 1),
                m("09:29", 99, 99.5, 97, 97.5, 7, 2)));
        List<Candle> five = CandleAggregation.aggregate(DAY, minutes, CandleInterval.FIVE_MINUTES);
        assertEquals(3, five.size(), five::toString);
        Candle first = five.get(0);
        assertEquals(OffsetDateTime.parse("2026-11-23T09:15+05:30"), first.start());
        assertEquals(100, first.open());
        assertEquals(105, first.high());
        assertEquals(99, first.low());
        assertEquals(102, first.close());
        assertEquals(60, first.volume());
        assertEquals(6, first.ticks());
        assertEquals(3, first.minutes());
        assertEquals(OffsetDateTime.parse("2026-11-23T09:20+05:30"), five.get(1).start());
        assertEquals(OffsetDateTime.parse("2026-11-23T09:25+05:30"), five.get(2).start());
        assertEquals(97.5, five.get(2).close());

        List<Candle> fifteen = CandleAggregation.aggregate(DAY, minutes, CandleInterval.FIFTEEN_MINUTES);
        assertEquals(1, fifteen.size());
        assertEquals(97, fifteen.get(0).low());
        assertEquals(97.5, fifteen.get(0).close());
        assertEquals(72, fifteen.get(0).volume());

        List<Candle> one = CandleAggregation.aggregate(DAY, minutes, CandleInterval.ONE_MINUTE);
        assertEquals(5, one.size());
        assertEquals(OffsetDateTime.parse("2026-11-23T09:16+05:30"), one.get(1).start());
    }

    @Test
    void mcxEveningMinutesKeepTheirDay() {
        List<Candle> c = CandleAggregation.aggregate(
                DAY, day(List.of(m("23:44", 1, 2, 0.5, 1.5, 1, 1))), CandleInterval.FIFTEEN_MINUTES);
        assertEquals(OffsetDateTime.parse("2026-11-23T23:30+05:30"), c.get(0).start());
    }

    @Test
    void defaultRangeIsTodayInIstUpToNowWhateverTheServerZone() {
        // 2026-11-23 19:00 UTC is 2026-11-24 00:30 IST: "today" is the 24th in India.
        Instant now = Instant.parse("2026-11-23T19:00:00Z");
        CandleQuery q = ((CandleQuery.Ok) CandleQuery.parse(null, null, null, now)).query();
        assertEquals(CandleInterval.ONE_MINUTE, q.interval());
        assertEquals(Instant.parse("2026-11-23T18:30:00Z"), q.from());
        assertEquals(now, q.to());
        assertEquals(List.of(LocalDate.of(2026, 11, 24)), q.days());
    }

    @Test
    void timesWithoutOffsetAreIstAndDatesCoverWholeDays() {
        Instant now = Instant.parse("2026-11-25T06:00:00Z");
        CandleQuery q = ((CandleQuery.Ok)
                        CandleQuery.parse("15m", "2026-11-23T09:15", "2026-11-23T10:00:00+05:30", now))
                .query();
        assertEquals(Instant.parse("2026-11-23T03:45:00Z"), q.from());
        assertEquals(Instant.parse("2026-11-23T04:30:00Z"), q.to());
        CandleQuery days = ((CandleQuery.Ok) CandleQuery.parse("5m", "2026-11-23", "2026-11-24", now)).query();
        assertEquals(List.of(DAY, DAY.plusDays(1)), days.days());
        assertTrue(days.covers(new Candle(OffsetDateTime.parse("2026-11-24T23:55+05:30"), 1, 1, 1, 1, 0, 1, 1)));
        assertTrue(!days.covers(new Candle(OffsetDateTime.parse("2026-11-25T00:00+05:30"), 1, 1, 1, 1, 0, 1, 1)));
    }

    @Test
    void badIntervalsTimesAndRangesSayWhatIsWrong() {
        Instant now = Instant.parse("2026-11-25T06:00:00Z");
        assertInvalid(CandleQuery.parse("2m", null, null, now), "interval must be one of 1m, 5m, 15m, got '2m'");
        assertInvalid(CandleQuery.parse("1m", "yesterday", null, now), "could not read 'yesterday'");
        assertInvalid(CandleQuery.parse("1m", "2026-11-24T10:00", "2026-11-24T09:00", now), "from must be before to");
        assertInvalid(CandleQuery.parse("1m", "2026-11-20", "2026-11-24", now), "range longer than 2 days");
    }

    private static void assertInvalid(CandleQuery.Parsed parsed, String expected) {
        CandleQuery.Invalid invalid = assertInstanceOf(CandleQuery.Invalid.class, parsed);
        assertTrue(invalid.message().contains(expected), invalid.message());
    }
}
