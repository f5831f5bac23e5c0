package io.tickwarden.gateway.domain;

import io.tickwarden.contracts.feed.FeedCandle;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One symbol's 1-minute candles of the current IST day and who watches which interval, deciding what to push: the
 * forming candle of each watched interval when one of its minutes changes, and the previous one with
 * {@code closed = true} when a minute of a later candle arrives. Another day's live update starts afresh (the feed's
 * day wins over the one our clock guessed at load), except an earlier day's once the current day had live data;
 * updates of a candle already closed change nothing pushed. Thread-safe; {@code W} is whatever identifies a watcher.
 */
public final class DayCandles<W> {

    /** A candle to send to {@code watchers}. */
    public record Push<W>(String symbol, CandleInterval interval, boolean closed, Candle candle, Set<W> watchers) {}

    private final String symbol;
    private LocalDate day;
    private final TreeMap<String, FeedCandle> minutes = new TreeMap<>();
    private final Map<CandleInterval, Set<W>> watchers = new EnumMap<>(CandleInterval.class);
    private final Map<CandleInterval, String> lastBucket = new EnumMap<>(CandleInterval.class);
    private boolean loading;
    private boolean loaded;
    /** A live minute of {@link #day} arrived: the feed's day is known, an earlier day's update is late, not news. */
    private boolean liveOfDay;

    public DayCandles(String symbol, LocalDate day) {
        this.symbol = symbol;
        this.day = day;
    }

    public String symbol() {
        return symbol;
    }

    public synchronized LocalDate day() {
        return day;
    }

    /** Adds a watcher; true when the caller must load the day's minutes (the first watcher). */
    public synchronized boolean watch(W watcher, CandleInterval interval) {
        watchers.computeIfAbsent(interval, i -> new HashSet<>()).add(watcher);
        if (loading || loaded) {
            return false;
        }
        loading = true;
        return true;
    }

    /** Removes a watcher; true when nobody watches the symbol any more. */
    public synchronized boolean unwatch(W watcher, CandleInterval interval) {
        Set<W> set = watchers.get(interval);
        if (set != null) {
            set.remove(watcher);
            if (set.isEmpty()) {
                watchers.remove(interval);
                lastBucket.remove(interval);
            }
        }
        return watchers.isEmpty();
    }

    public synchronized Set<W> watchers(CandleInterval interval) {
        return Set.copyOf(watchers.getOrDefault(interval, Set.of()));
    }

    /**
     * A 1-minute candle, live from the feed ({@code live}: it replaces what is held) or read from Redis (kept only
     * where nothing newer is held). Returns what to push.
     */
    public synchronized List<Push<W>> apply(LocalDate date, String minute, FeedCandle candle, boolean live) {
        if (!date.equals(day)) {
            // The feed's day wins over the one guessed from our clock (a simulated upstream clock, midnight), but
            // once the feed spoke for a day, an earlier day's update is a late one.
            if (!live || (date.isBefore(day) && liveOfDay)) {
                return List.of();
            }
            day = date;
            minutes.clear();
            lastBucket.clear();
            liveOfDay = false;
        }
        if (live) {
            liveOfDay = true;
            minutes.put(minute, candle);
        } else {
            minutes.putIfAbsent(minute, candle);
        }
        if (!live || !loaded) {
            return List.of();
        }
        List<Push<W>> out = new ArrayList<>();
        watchers.forEach((interval, set) -> {
            String bucket = bucketOf(minute, interval);
            String last = lastBucket.get(interval);
            if (last != null && bucket.compareTo(last) < 0) {
                return;
            }
            if (last != null && bucket.compareTo(last) > 0) {
                candleOf(last, interval)
                        .ifPresent(c -> out.add(new Push<>(symbol, interval, true, c, Set.copyOf(set))));
            }
            lastBucket.put(interval, bucket);
            candleOf(bucket, interval).ifPresent(c -> out.add(new Push<>(symbol, interval, false, c, Set.copyOf(set))));
        });
        return out;
    }

    /** The day's minutes are in: the forming candle of every watched interval goes to its watchers. */
    public synchronized List<Push<W>> loaded() {
        loaded = true;
        loading = false;
        List<Push<W>> out = new ArrayList<>();
        watchers.forEach((interval, set) -> formingLocked(interval).ifPresent(c -> {
            lastBucket.put(interval, bucketOf(minutes.lastKey(), interval));
            out.add(new Push<>(symbol, interval, false, c, Set.copyOf(set)));
        }));
        return out;
    }

    /** The candle of the latest minute held, in {@code interval}; empty before any minute (or before the load). */
    public synchronized Optional<Candle> forming(CandleInterval interval) {
        return loaded ? formingLocked(interval) : Optional.empty();
    }

    private Optional<Candle> formingLocked(CandleInterval interval) {
        return minutes.isEmpty() ? Optional.empty() : candleOf(bucketOf(minutes.lastKey(), interval), interval);
    }

    private Optional<Candle> candleOf(String bucket, CandleInterval interval) {
        int end = LocalTime.parse(bucket).toSecondOfDay() / 60 + interval.minutes();
        String to = String.format("%02d:%02d", end / 60, end % 60);
        Map<String, FeedCandle> inside = minutes.subMap(bucket, true, to, false);
        List<Candle> built = CandleAggregation.aggregate(day, inside, interval);
        return built.isEmpty() ? Optional.empty() : Optional.of(built.get(0));
    }

    private static String bucketOf(String minute, CandleInterval interval) {
        int m = LocalTime.parse(minute).toSecondOfDay() / 60;
        int start = m - m % interval.minutes();
        return String.format("%02d:%02d", start / 60, start % 60);
    }
}
