package io.tickwarden.feed.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.contracts.feed.FeedCandle;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.feed.domain.CandleBuilder;
import io.tickwarden.feed.domain.Ist;
import io.tickwarden.feed.redis.FeedPublisher;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds 1-minute OHLCV candles per symbol from published ticks and writes the changed ones to Redis once a second
 * ({@code feed:candles:<symbol>:<IST day>}, field {@code HH:mm}), so a busy feed costs one write per instrument per
 * second rather than one per tick.
 */
@Singleton
public class CandleService {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private final FeedPublisher publisher;
    private final Vertx vertx;
    private final Map<String, CandleBuilder> builders = new HashMap<>();
    private Map<String, Map<String, FeedCandle>> dirty = new HashMap<>();
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
        String key = FeedRedisNames.candlesKey(symbol, c.start().toLocalDate().toString());
        dirty.computeIfAbsent(key, k -> new HashMap<>()).put(c.start().format(MINUTE),
                new FeedCandle(Ist.format(c.start().atZone(Ist.ZONE).toInstant()), c.open(), c.high(), c.low(),
                        c.close(), c.volume(), c.ticks()));
    }

    void flush() {
        Map<String, Map<String, FeedCandle>> toWrite;
        synchronized (this) {
            if (dirty.isEmpty()) {
                return;
            }
            toWrite = dirty;
            dirty = new HashMap<>();
        }
        publisher.candles(toWrite);
    }
}
