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
import java.util.LinkedHashMap;
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
    private Map<String, Map<String, FeedCandle>> dirty = new HashMap<>();
    /** The same changes as {@link #dirty}, keyed by symbol, day and minute, for {@code feed.candles}. */
    private Map<List<String>, FeedCandle> changed = new LinkedHashMap<>();
    private long timer = -1;

    CandleService(FeedPublisher publisher, Vertx vertx) {
        this.publisher = publisher;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
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
        CandleBuilder.Candle c = builders.computeIfAbsent(symbol, s -> new CandleBuilder()).add(at, price, cumulativeVolume);
        String day = c.start().toLocalDate().toString();
        String minute = c.start().format(MINUTE);
        FeedCandle candle = new FeedCandle(Ist.format(c.start().atZone(Ist.ZONE).toInstant()), c.open(), c.high(),
                c.low(), c.close(), c.volume(), c.ticks());
        dirty.computeIfAbsent(FeedRedisNames.candlesKey(symbol, day), k -> new HashMap<>()).put(minute, candle);
        changed.put(List.of(symbol, day, minute), candle);
    }

    void flush() {
        Map<String, Map<String, FeedCandle>> toWrite;
        Map<List<String>, FeedCandle> toPublish;
        synchronized (this) {
            if (dirty.isEmpty()) {
                return;
            }
            toWrite = dirty;
            toPublish = changed;
            dirty = new HashMap<>();
            changed = new LinkedHashMap<>();
        }
        publisher.candles(toWrite);
        List<FeedCandleUpdates.Update> updates = new ArrayList<>(toPublish.size());
        toPublish.forEach((k, candle) -> updates.add(new FeedCandleUpdates.Update(k.get(0), k.get(1), k.get(2), candle)));
        // Not ordered with the HSETs (other pooled connections): the gateway merges the two, newest first.
        publisher.candleUpdates(new FeedCandleUpdates(FeedCandleUpdates.TYPE, updates));
    }
}
