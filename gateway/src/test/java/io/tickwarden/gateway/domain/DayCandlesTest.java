package io.tickwarden.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.contracts.feed.FeedCandle;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DayCandlesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    private static FeedCandle c(String hhmm, double open, double close) {
        return new FeedCandle(
                DAY + "T" + hhmm + ":00+05:30", open, Math.max(open, close), Math.min(open, close), close, 10, 1);
    }

    @Test
    void firstWatcherLoadsThenGetsTheFormingCandle() {
        DayCandles<String> day = new DayCandles<>("NSE:INFY", DAY);
        assertTrue(day.watch("a", CandleInterval.FIVE_MINUTES));
        assertFalse(day.watch("b", CandleInterval.ONE_MINUTE), "one load per symbol");
        // A live update during the load is newer than what the load reads for the same minute.
        assertEquals(List.of(), day.apply(DAY, "09:16", c("09:16", 101, 103), true));
        day.apply(DAY, "09:15", c("09:15", 100, 101), false);
        day.apply(DAY, "09:16", c("09:16", 101, 999), false);
        List<DayCandles.Push<String>> pushes = day.loaded();
        assertEquals(2, pushes.size());
        DayCandles.Push<String> five = pushes.stream()
                .filter(p -> p.interval() == CandleInterval.FIVE_MINUTES)
                .findFirst()
                .orElseThrow();
        assertEquals(Set.of("a"), five.watchers());
        assertFalse(five.closed());
        assertEquals(
                OffsetDateTime.parse("2026-11-23T09:15+05:30"), five.candle().start());
        assertEquals(100, five.candle().open());
        assertEquals(103, five.candle().close());
        assertEquals(2, five.candle().minutes());
    }

    @Test
    void aLaterBucketClosesThePreviousOneFirst() {
        DayCandles<String> day = new DayCandles<>("NSE:INFY", DAY);
        day.watch("a", CandleInterval.FIVE_MINUTES);
        day.loaded();
        List<DayCandles.Push<String>> p1 = day.apply(DAY, "09:18", c("09:18", 100, 102), true);
        assertEquals(1, p1.size());
        assertFalse(p1.get(0).closed());
        day.apply(DAY, "09:19", c("09:19", 102, 104), true);
        List<DayCandles.Push<String>> p2 = day.apply(DAY, "09:20", c("09:20", 104, 103), true);
        assertEquals(2, p2.size());
        assertTrue(p2.get(0).closed());
        assertEquals(
                OffsetDateTime.parse("2026-11-23T09:15+05:30"),
                p2.get(0).candle().start());
        assertEquals(104, p2.get(0).candle().close());
        assertFalse(p2.get(1).closed());
        assertEquals(
                OffsetDateTime.parse("2026-11-23T09:20+05:30"),
                p2.get(1).candle().start());
        // A late update of a closed candle is kept but not pushed again.
        assertEquals(List.of(), day.apply(DAY, "09:19", c("09:19", 102, 105), true));
        // One-minute watchers see every minute close.
        day.watch("b", CandleInterval.ONE_MINUTE);
        assertEquals(
                1,
                day.apply(DAY, "09:20", c("09:20", 104, 101), true).stream()
                        .filter(p -> p.interval() == CandleInterval.ONE_MINUTE)
                        .count());
        List<DayCandles.Push<String>> p3 = day.apply(DAY, "09:21", c("09:21", 101, 100), true);
        assertTrue(p3.stream()
                .anyMatch(p -> p.interval() == CandleInterval.ONE_MINUTE
                        && p.closed()
                        && p.candle().start().equals(OffsetDateTime.parse("2026-11-23T09:20+05:30"))));
    }

    @Test
    void aNewDayStartsAfreshAndAnOldDayChangesNothing() {
        DayCandles<String> day = new DayCandles<>("MCX:CRUDEOIL", DAY);
        day.watch("a", CandleInterval.FIFTEEN_MINUTES);
        day.loaded();
        day.apply(DAY, "23:44", c("23:44", 1, 2), true);
        List<DayCandles.Push<String>> next = day.apply(DAY.plusDays(1), "09:00", c("09:00", 3, 4), true);
        assertEquals(1, next.size(), "no close pushed across days: yesterday's last candle is not today's");
        assertEquals(
                OffsetDateTime.parse("2026-11-24T09:00+05:30"),
                next.get(0).candle().start());
        assertEquals(List.of(), day.apply(DAY, "23:45", c("23:45", 2, 2), true));
        assertEquals(DAY.plusDays(1), day.day());
    }

    @Test
    void theFeedsDayWinsOverTheDayGuessedAtLoad() {
        // Loaded for "today" by the gateway's clock, but the feed's upstream clock says the 23rd.
        DayCandles<String> day = new DayCandles<>("NSE:INFY", DAY.plusDays(1));
        day.watch("a", CandleInterval.ONE_MINUTE);
        day.loaded();
        List<DayCandles.Push<String>> p = day.apply(DAY, "10:00", c("10:00", 5, 6), true);
        assertEquals(1, p.size());
        assertEquals(
                OffsetDateTime.parse("2026-11-23T10:00+05:30"),
                p.get(0).candle().start());
        assertEquals(DAY, day.day());
        // A read of the other day's hash finishing late changes nothing.
        assertEquals(List.of(), day.apply(DAY.plusDays(1), "09:15", c("09:15", 1, 1), false));
        assertEquals(DAY, day.day());
    }

    @Test
    void theLastWatcherLeaving() {
        DayCandles<String> day = new DayCandles<>("NSE:INFY", DAY);
        day.watch("a", CandleInterval.ONE_MINUTE);
        day.watch("a", CandleInterval.FIVE_MINUTES);
        assertFalse(day.unwatch("a", CandleInterval.ONE_MINUTE));
        assertTrue(day.unwatch("a", CandleInterval.FIVE_MINUTES));
    }
}
