package io.tickwarden.feed.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tickwarden.contracts.RedisNames;
import io.tickwarden.contracts.feed.FeedCandle;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.feed.FeedStateChanged;
import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.feed.FeedTickBatch;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the feed writes for its consumers, non-blocking (safe on the event loop; the caller never waits):
 * tick batches on {@code feed.ticks}, latest quote per symbol in {@code feed:quotes}, candles, the state snapshot
 * {@code feed:state} and its changes on {@code feed.state}. A failed write is counted and logged once per outage;
 * the next one simply tries again.
 */
@Singleton
public class FeedPublisher {

    private static final Logger LOG = Logger.getLogger(FeedPublisher.class);
    private static final Duration CANDLE_TTL = Duration.ofHours(36);
    private static final int CANDLE_BATCH = 500;

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper ticksJson;
    private final ObjectMapper json;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final LongAdder failures = new LongAdder();
    private final Set<String> candleKeysWithTtl = ConcurrentHashMap.newKeySet();

    FeedPublisher(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        // Ticks leave out the fields their mode does not carry.
        this.ticksJson = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.json = json;
    }

    /**
     * One upstream frame's ticks, already split into messages: each message on feed.ticks in list order, then
     * the latest quotes. Sent as one pipeline on one connection, so the messages reach Redis (and subscribers)
     * in this order; separate commands could take different pooled connections and overtake each other.
     */
    public void ticks(List<FeedTickBatch> messages) {
        List<Request> requests = new ArrayList<>(messages.size() + 1);
        Map<String, String> quotes = new HashMap<>();
        for (FeedTickBatch batch : messages) {
            if (batch.ticks().isEmpty()) {
                continue;
            }
            requests.add(Request.cmd(Command.PUBLISH).arg(RedisNames.FEED_TICKS_CHANNEL).arg(write(ticksJson, batch)));
            for (FeedTick t : batch.ticks()) {
                quotes.put(t.symbol() != null ? t.symbol() : Long.toString(t.instrument_token()), write(ticksJson, t));
            }
        }
        if (requests.isEmpty()) {
            return;
        }
        Request hset = Request.cmd(Command.HSET).arg(RedisNames.FEED_QUOTES_HASH);
        quotes.forEach((field, value) -> hset.arg(field).arg(value));
        requests.add(hset);
        run(redis.getRedis().batch(requests));
    }

    /**
     * The changed candles of the last second, as pipelines of at most {@value #CANDLE_BATCH} commands (an HSET per
     * symbol-day, an EXPIRE for a new key): with thousands of instruments, one command each would queue thousands of
     * waiters on the shared pool every second and starve the lease renewals behind them, and one pipeline of them
     * all would overflow a connection's waiting queue.
     */
    public void candles(Map<String, Map<String, FeedCandle>> byKey) {
        if (byKey.isEmpty()) {
            return;
        }
        List<Request> requests = new ArrayList<>(byKey.size() + 8);
        byKey.forEach((key, fields) -> {
            Request hset = Request.cmd(Command.HSET).arg(key);
            fields.forEach((field, candle) -> hset.arg(field).arg(write(ticksJson, candle)));
            requests.add(hset);
            if (candleKeysWithTtl.add(key)) {
                requests.add(Request.cmd(Command.EXPIRE).arg(key).arg(CANDLE_TTL.toSeconds()));
            }
        });
        for (int from = 0; from < requests.size(); from += CANDLE_BATCH) {
            run(redis.getRedis().batch(requests.subList(from, Math.min(requests.size(), from + CANDLE_BATCH))));
        }
    }

    public void state(FeedStateView view) {
        run(redis.value(String.class).set(RedisNames.FEED_STATE_KEY, write(json, view)));
    }

    public void stateChanged(FeedStateChanged event) {
        run(redis.pubsub(String.class).publish(RedisNames.FEED_STATE_CHANNEL, write(json, event)));
    }

    /**
     * The instrument list ({@code feed:instruments}, hash symbol to token) for the gateway's symbol validation.
     * Written to a temporary key and renamed, so readers never see half a list.
     */
    public void instruments(Map<String, Long> symbolTokens) {
        if (symbolTokens.isEmpty()) {
            return;
        }
        Map<String, String> fields = new HashMap<>(symbolTokens.size() * 2);
        symbolTokens.forEach((symbol, token) -> fields.put(symbol, Long.toString(token)));
        String staging = FeedRedisNames.INSTRUMENTS_KEY + ":staging";
        run(redis.key().del(staging)
                .chain(() -> redis.hash(String.class).hset(staging, fields))
                .chain(() -> redis.key().rename(staging, FeedRedisNames.INSTRUMENTS_KEY)));
    }

    public long failures() {
        return failures.sum();
    }

    static String candleKey(String symbol, String day) {
        return FeedRedisNames.candlesKey(symbol, day);
    }

    private <T> void run(Uni<T> uni) {
        uni.subscribe().with(ok -> {
            if (failing.compareAndSet(true, false)) {
                LOG.info("publishing to Redis works again");
            }
        }, e -> {
            failures.increment();
            if (failing.compareAndSet(false, true)) {
                LOG.warnf("publishing to Redis failed (%s); ticks are dropped until Redis answers", e.toString());
            }
        });
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
