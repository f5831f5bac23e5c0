package io.tickwarden.feed.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.contracts.feed.FeedCandle;
import io.tickwarden.contracts.feed.FeedCandleUpdates;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.feed.domain.CandleBuilder;
import io.tickwarden.feed.domain.Ist;
import io.tickwarden.feed.redis.FeedPublisher;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds 1-minute OHLCV candles per symbol from published ticks and writes the changed ones to Redis once a second
 * ({@code feed:candles:<symbol>:<IST day>}, field {@code HH:mm}), so a busy feed costs one write per instrument per
 * second rather than one per tick; the same changes go out as one {@code feed.candles} message for live charts.
 */
@Singleton
public class CandleService {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private final FeedPublisher publisher;
    private final Vertx vertx;
    private final Map<String, CandleBuilder> builders = new HashMap<>();
    /** Candles changed since the last flush, per symbol and IST day, by minute ({@code HH:mm}). */
    private Map<SymbolDay, Map<String, FeedCandle>> dirty = new HashMap<>();

    private long timer = -1;

    CandleService(FeedPublisher publisher, Vertx vertx) {
        this.publisher = publisher;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        // Vert.x timer, not @Scheduled: the flush only queues non-blocking Redis writes, so it belongs on an event
        // loop like the tick path that fills it; a worker thread would only add a hand-off.
        timer = vertx.setPeriodic(1000, id -> flush());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        flush();
    }

    public synchronized void add(String symbol, Instant at, double price, Long cumulativeVolume) {
        if (symbol == null) {
            return;
        }
        CandleBuilder.Candle c =
                builders.computeIfAbsent(symbol, s -> new CandleBuilder()).add(at, price, cumulativeVolume);
        String day = c.start().toLocalDate().toString();
        String minute = c.start().format(MINUTE);
        FeedCandle candle = new FeedCandle(
                Ist.format(c.start().atZone(Ist.ZONE).toInstant()),
                c.open(),
                c.high(),
                c.low(),
                c.close(),
                c.volume(),
                c.ticks());
        dirty.computeIfAbsent(new SymbolDay(symbol, day), k -> new HashMap<>()).put(minute, candle);
    }

    private record SymbolDay(String symbol, String day) {}

    void flush() {
        Map<SymbolDay, Map<String, FeedCandle>> changed;
        synchronized (this) {
            if (dirty.isEmpty()) {
                return;
            }
            changed = dirty;
            dirty = new HashMap<>();
        }
        // The Redis keys and the update list are built here, once a second, not on every tick.
        Map<String, Map<String, FeedCandle>> toWrite = new HashMap<>(changed.size() * 2);
        List<FeedCandleUpdates.Update> updates = new ArrayList<>();
        changed.forEach((sd, byMinute) -> {
            toWrite.put(FeedRedisNames.candlesKey(sd.symbol(), sd.day()), byMinute);
            byMinute.forEach((minute, candle) ->
                    updates.add(new FeedCandleUpdates.Update(sd.symbol(), sd.day(), minute, candle)));
        });
        publisher.candles(toWrite);
        // Not ordered with the HSETs (other pooled connections): the gateway merges the two, newest first.
        publisher.candleUpdates(new FeedCandleUpdates(FeedCandleUpdates.TYPE, updates));
    }
}
