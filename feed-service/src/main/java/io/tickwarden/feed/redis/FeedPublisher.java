package io.tickwarden.feed.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tickwarden.contracts.feed.FeedCandle;
import io.tickwarden.contracts.feed.FeedCandleUpdates;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.feed.FeedStateChanged;
import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.feed.FeedTickBatch;
import io.tickwarden.feed.config.FeedConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

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
    private final TicksLine ticksLine;
    private final TickHistory history;

    FeedPublisher(
            ReactiveRedisDataSource redis,
            ObjectMapper json,
            Vertx vertx,
            @ConfigProperty(name = "quarkus.redis.hosts") List<String> hosts,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
            @ConfigProperty(name = "quarkus.redis.master-name", defaultValue = "mymaster") String masterName,
            @ConfigProperty(name = "quarkus.redis.role", defaultValue = "master") String role,
            @ConfigProperty(name = "quarkus.redis.topology-cache-ttl", defaultValue = "1s") Duration topologyCacheTtl,
            FeedConfig config,
            Clock clock,
            MeterRegistry registry) {
        this.redis = redis;
        this.history = new TickHistory(config.history(), clock, registry);
        // The ticks connection has a client of its own, not the shared pool: reopening it must never wait behind
        // pooled commands (3000 candle writes a second have kept the pool's queue full for seconds on the bench).
        // Commands awaiting their reply on it: with the history, a tick is one command more (its XADD), so a
        // 3000-tick frame alone puts ~3000 in flight; Vert.x's default of 2048 failed whole frames ("waiting queue
        // is full").
        this.ticksLine = new TicksLine(Redis.createClient(
                vertx,
                TicksConnectionOptions.of(hosts, clientType, masterName, role, topologyCacheTtl)
                        .setMaxPoolSize(1)
                        .setMaxPoolWaiting(TicksLine.MAX_WAITING)
                        .setMaxWaitingHandlers(TicksLine.MAX_IN_FLIGHT)));
        // Ticks leave out the fields their mode does not carry.
        this.ticksJson = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.json = json;
    }

    /**
     * Tick messages (a whole frame's, or one part of a frame): each message on feed.ticks in list order, each
     * preceded by the appends of its ticks to their symbols' history streams ({@link TickHistory}), so a tick a
     * subscriber received is already in the history; then the latest quotes. Every call goes out on the one
     * dedicated ticks connection ({@link TicksLine}), so the messages
     * of successive calls reach Redis (and subscribers) in call order, which the parts of a frame published one by
     * one rely on; pooled commands could take different connections and overtake each other.
     */
    public void ticks(List<FeedTickBatch> messages) {
        List<Request> requests = new ArrayList<>(messages.size() + 1);
        Map<String, String> quotes = new HashMap<>();
        for (FeedTickBatch batch : messages) {
            if (batch.ticks().isEmpty()) {
                continue;
            }
            for (FeedTick t : batch.ticks()) {
                String json = write(ticksJson, t);
                history.append(requests, t.symbol(), t.seq(), json);
                quotes.put(t.symbol() != null ? t.symbol() : Long.toString(t.instrument_token()), json);
            }
            requests.add(Request.cmd(Command.PUBLISH)
                    .arg(FeedRedisNames.TICKS_CHANNEL)
                    .arg(write(ticksJson, batch)));
        }
        if (requests.isEmpty()) {
            return;
        }
        Request hset = Request.cmd(Command.HSET).arg(FeedRedisNames.QUOTES_HASH);
        quotes.forEach((field, value) -> hset.arg(field).arg(value));
        requests.add(hset);
        ticksLine.send(requests);
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
        List<io.vertx.mutiny.redis.client.Request> requests = new ArrayList<>(byKey.size() + 8);
        byKey.forEach((key, fields) -> {
            var hset = io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.HSET)
                    .arg(key);
            fields.forEach((field, candle) -> hset.arg(field).arg(write(ticksJson, candle)));
            requests.add(hset);
            if (candleKeysWithTtl.add(key)) {
                requests.add(io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.EXPIRE)
                        .arg(key)
                        .arg(CANDLE_TTL.toSeconds()));
            }
        });
        for (int from = 0; from < requests.size(); from += CANDLE_BATCH) {
            run(redis.getRedis().batch(requests.subList(from, Math.min(requests.size(), from + CANDLE_BATCH))));
        }
    }

    /** The candles {@link #candles} just wrote, on {@code feed.candles} for the gateway's live candle subscriptions. */
    public void candleUpdates(FeedCandleUpdates updates) {
        if (!updates.candles().isEmpty()) {
            run(redis.pubsub(String.class).publish(FeedRedisNames.CANDLES_CHANNEL, write(ticksJson, updates)));
        }
    }

    public void state(FeedStateView view) {
        run(redis.value(String.class).set(FeedRedisNames.STATE_KEY, write(json, view)));
    }

    public void stateChanged(FeedStateChanged event) {
        run(redis.pubsub(String.class).publish(FeedRedisNames.STATE_CHANNEL, write(json, event)));
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
        run(redis.key()
                .del(staging)
                .chain(() -> redis.hash(String.class).hset(staging, fields))
                .chain(() -> redis.key().rename(staging, FeedRedisNames.INSTRUMENTS_KEY)));
    }

    public long failures() {
        return failures.sum();
    }

    /** History appends refused because their ID was not above the stream's last (feed_history_refused). */
    public double historyRefusals() {
        return history.refusedCount();
    }

    @PreDestroy
    void close() {
        ticksLine.client.close();
    }

    static String candleKey(String symbol, String day) {
        return FeedRedisNames.candlesKey(symbol, day);
    }

    private <T> void run(Uni<T> uni) {
        uni.subscribe().with(ok -> succeeded(), this::failed);
    }

    private void succeeded() {
        if (failing.compareAndSet(true, false)) {
            LOG.info("publishing to Redis works again");
        }
    }

    private void failed(Throwable e) {
        failures.increment();
        if (failing.compareAndSet(false, true)) {
            LOG.warnf("publishing to Redis failed (%s); ticks are dropped until Redis answers", e.toString());
        }
    }

    /**
     * The one connection every tick message goes out on, opened from a client of its own and kept. Redis answers
     * one connection's commands in order and Vert.x writes a connection's sends in call order, so ticks reach
     * subscribers in the order they were sent. The connection is opened on first use and again after it ends
     * (Redis restarted, socket lost); sends made while it is being opened wait in a short queue so the order holds
     * across a reconnect, and fail (counted like any failed write) when it cannot be opened or the queue is full.
     * Threading: the fields are guarded by this object's lock, held only for non-blocking calls (a send is queued on
     * the connection's event loop, or written at once when already on it).
     */
    private final class TicksLine {

        /**
         * About 3 frames of parts of each of the pool's 3 sockets: opening a loopback connection takes
         * milliseconds, and a full socket sends ~12 parts a frame.
         */
        private static final int MAX_WAITING = 128;

        /** Commands sent and not yet answered: several 3000-tick frames of XADDs and PUBLISHes. */
        private static final int MAX_IN_FLIGHT = 65_536;

        private final Redis client;
        private final ArrayDeque<List<Request>> waiting = new ArrayDeque<>();
        private RedisConnection connection;
        private boolean opening;

        TicksLine(Redis client) {
            this.client = client;
        }

        synchronized void send(List<Request> requests) {
            if (connection != null) {
                report(connection.batch(requests));
                return;
            }
            if (waiting.size() >= MAX_WAITING) {
                failed(new IllegalStateException(
                        "no Redis connection for ticks yet; " + MAX_WAITING + " sends waiting"));
                return;
            }
            waiting.add(requests);
            if (!opening) {
                opening = true;
                client.connect().onComplete(ar -> opened(ar.result(), ar.cause()));
            }
        }

        private synchronized void opened(RedisConnection c, Throwable failure) {
            opening = false;
            if (c == null) {
                for (int i = waiting.size(); i > 0; i--) {
                    failed(failure);
                }
                waiting.clear();
                return;
            }
            // Either handler means the socket is gone (its pending sends fail on their own); the next send reopens.
            c.endHandler(v -> lost(c));
            c.exceptionHandler(e -> lost(c));
            connection = c;
            while (!waiting.isEmpty()) {
                report(c.batch(waiting.poll()));
            }
        }

        private synchronized void lost(RedisConnection c) {
            if (connection == c) {
                connection = null;
                c.close();
            }
        }

        private void report(Future<?> sent) {
            sent.onComplete(ar -> {
                if (ar.succeeded() || history.refusal(ar.cause())) {
                    succeeded();
                } else {
                    failed(ar.cause());
                }
            });
        }
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
