package io.tickwarden.feed.service;

import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.broker.BrokerCallException;
import io.tickwarden.feed.broker.BrokerQuote;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.FallbackRules;
import io.tickwarden.feed.domain.Liveness;
import io.tickwarden.feed.domain.SegmentClock;
import io.tickwarden.feed.redis.AuthReporter;
import io.tickwarden.feed.redis.QuoteRateLimiter;
import io.tickwarden.feed.redis.TokenSource;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * REST fallback: polls the broker's quotes for exactly the instruments of sockets that deliver nothing in a phase
 * where their segment expects ticks ({@link FallbackRules}, judged per socket), and only those instruments whose
 * own segment expects ticks; at most one poll in flight, one permit per second per api_key across replicas. Results
 * go through each socket's gate ({@link UpstreamLink#publishIfPolling}), so a poll that ends after that socket's
 * WebSocket data came back is discarded. Threading: the poll schedule and cursor are guarded by this object's
 * lock (control step and poll worker); the clock and {@code lastRestTickAt} are volatile.
 */
@Singleton
public class RestFallback {

    private static final Logger LOG = Logger.getLogger(RestFallback.class);
    private static final Duration RATE_LIMITED_RETRY = Duration.ofMillis(200);

    private final FeedConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final LinkPool pool;
    private final SubscriptionSync subscriptions;
    private final InstrumentDirectory instruments;
    private final QuoteRateLimiter rateLimiter;
    private final Broker broker;
    private final TokenSource tokens;
    private final TickProcessor ticks;
    private final FeedMetrics metrics;
    private final ControlLoop loop;
    private final AtomicBoolean pollInFlight = new AtomicBoolean();
    private final Object lock = new Object();
    private Instant nextPollAt = Instant.EPOCH;
    private int pollCursor;
    private Instant accountedAt;
    private volatile SegmentClock segments;
    private volatile Instant lastRestTickAt;

    RestFallback(
            FeedConfig config,
            Clock clock,
            Vertx vertx,
            LinkPool pool,
            SubscriptionSync subscriptions,
            InstrumentDirectory instruments,
            QuoteRateLimiter rateLimiter,
            Broker broker,
            TokenSource tokens,
            TickProcessor ticks,
            FeedMetrics metrics,
            ControlLoop loop) {
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.pool = pool;
        this.subscriptions = subscriptions;
        this.instruments = instruments;
        this.rateLimiter = rateLimiter;
        this.broker = broker;
        this.tokens = tokens;
        this.ticks = ticks;
        this.metrics = metrics;
        this.loop = loop;
    }

    /**
     * Control step: starts or stops polling per socket and starts a poll when one is due.
     *
     * @param tokenUsable  auth:state VALID and not AUTH_BLOCKED
     * @param runningSince when the feed last started running (silence counts from then at the earliest)
     */
    public void step(Instant now, boolean tokenUsable, SegmentClock clock, Instant runningSince) {
        segments = clock;
        boolean any = false;
        for (UpstreamLink link : pool.links()) {
            boolean active = link.times().activeSince() != null;
            boolean want = active
                    && FallbackRules.wanted(
                            config.restFallbackEnabled(),
                            tokenUsable,
                            link.subscriptions().anyDesired(),
                            clock.anyTicksExpected(link.subscriptions().segments()),
                            link.times().lastTickAt(),
                            Liveness.later(runningSince, link.times().activeSince()),
                            now,
                            config.restFallbackAfter());
            if (link.polling(want) && want) {
                LOG.warnf(
                        "socket %d: no WebSocket data for over %d ms: polling REST quotes for its %d instruments "
                                + "while it retries",
                        link.index(),
                        config.restFallbackAfter().toMillis(),
                        link.subscriptions().requested());
            }
            any |= link.status().isPolling();
        }
        account(now, any);
        synchronized (lock) {
            if (!any || now.isBefore(nextPollAt) || !pollInFlight.compareAndSet(false, true)) {
                return;
            }
            nextPollAt = now.plus(config.restFallbackInterval());
        }
        vertx.executeBlocking(
                () -> {
                    try {
                        poll();
                    } finally {
                        pollInFlight.set(false);
                    }
                    return null;
                },
                false);
    }

    /** Adds the time since the last step to {@code feed_rest_fallback_seconds_total} while active. */
    public void account(Instant now, boolean active) {
        Double seconds = null;
        synchronized (lock) {
            if (active && accountedAt != null) {
                seconds = Duration.between(accountedAt, now).toMillis() / 1000.0;
            }
            accountedAt = active ? now : null;
        }
        if (seconds != null) {
            metrics.fallbackTime(seconds);
        }
    }

    /** The symbols to poll: instruments of polled sockets whose own segment expects ticks now. */
    private List<String> symbols() {
        SegmentClock clock = segments;
        List<String> out = new ArrayList<>();
        for (UpstreamLink link : pool.links()) {
            if (!link.status().isPolling()) {
                continue;
            }
            for (Long token : link.subscriptions().desired().keySet()) {
                if (clock == null || clock.ticksExpected(instruments.segmentOf(token))) {
                    out.add(subscriptions.symbolOf(token));
                }
            }
        }
        return out;
    }

    private void poll() {
        if (!rateLimiter.tryAcquire()) {
            metrics.restPoll("rate_limited");
            synchronized (lock) {
                nextPollAt = clock.instant().plus(RATE_LIMITED_RETRY);
            }
            return;
        }
        List<String> symbols = symbols();
        if (symbols.isEmpty()) {
            return;
        }
        FallbackRules.Batch batch;
        synchronized (lock) {
            batch = FallbackRules.batch(symbols, pollCursor, broker.limits().instrumentsPerQuoteCall());
            pollCursor = batch.nextCursor();
        }
        TokenSource.AccessToken token;
        try {
            token = tokens.current().orElse(null);
        } catch (Exception e) {
            metrics.restPoll("no_token");
            return;
        }
        if (token == null) {
            return;
        }
        try {
            publish(broker.quotes(token.value(), batch.symbols()), clock.instant());
        } catch (BrokerCallException e) {
            metrics.restPoll(
                    e.tokenRejected() ? "token_rejected" : e.code() == 429 ? "rate_limited_by_broker" : "error");
            LOG.warnf("REST fallback poll failed: %s", e.getMessage());
            if (e.tokenRejected()) {
                pool.links()
                        .get(0)
                        .blockOnAuth(
                                clock.instant(),
                                token.version(),
                                "quote refused the token",
                                AuthReporter.Report.tokenRejected(
                                        token.version(), e.code() > 0 ? e.code() : 403, "quote: " + e.getMessage()));
                loop.kick();
            }
        }
    }

    /** Each socket's quotes through its own gate: published only while that socket is still polled. */
    private void publish(List<BrokerQuote> quotes, Instant now) {
        Map<Integer, List<BrokerQuote>> bySocket = new HashMap<>();
        for (BrokerQuote q : quotes) {
            bySocket.computeIfAbsent(pool.socketOf(q.tick().instrumentToken()), k -> new ArrayList<>())
                    .add(q);
        }
        boolean published = false;
        boolean discarded = false;
        for (var e : bySocket.entrySet()) {
            if (e.getKey() < 0) {
                discarded = true;
                continue;
            }
            boolean ok = pool.links().get(e.getKey()).publishIfPolling(() -> ticks.publishRest(e.getValue(), now));
            published |= ok;
            discarded |= !ok;
        }
        if (published) {
            lastRestTickAt = now;
        }
        metrics.restPoll(published ? "ok" : discarded ? "discarded" : "empty");
    }

    public Instant lastRestTickAt() {
        return lastRestTickAt;
    }
}
