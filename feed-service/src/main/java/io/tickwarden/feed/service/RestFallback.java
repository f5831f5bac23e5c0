package io.tickwarden.feed.service;

import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.FallbackRules;
import io.tickwarden.feed.domain.FeedMode;
import io.tickwarden.feed.redis.AuthReporter;
import io.tickwarden.feed.redis.QuoteRateLimiter;
import io.tickwarden.feed.redis.TokenSource;
import io.tickwarden.feed.upstream.KiteRest;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * REST fallback: polls Kite {@code /quote} while the WebSocket delivers nothing in a phase where ticks are expected
 * ({@link FallbackRules}), at most one poll in flight, one permit per second per api_key across replicas; results
 * are published through {@link FeedStatus#publishIfPolling}, so a poll that ends after WebSocket data took over is
 * discarded. Threading: the poll schedule and cursor are guarded by this object's lock (written by the control
 * step and the poll worker); {@code lastRestTickAt} is volatile. Nothing else is called under the lock.
 */
@Singleton
public class RestFallback {

    private static final Logger LOG = Logger.getLogger(RestFallback.class);
    private static final Duration RATE_LIMITED_RETRY = Duration.ofMillis(200);

    private final FeedConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final FeedStatus status;
    private final UpstreamLink link;
    private final SubscriptionSync subscriptions;
    private final QuoteRateLimiter rateLimiter;
    private final KiteRest kiteRest;
    private final TokenSource tokens;
    private final TickProcessor ticks;
    private final FeedMetrics metrics;
    private final ControlLoop loop;
    private final AtomicBoolean pollInFlight = new AtomicBoolean();
    private final Object lock = new Object();
    private Instant nextPollAt = Instant.EPOCH;
    private int pollCursor;
    private Instant accountedAt;
    private volatile Instant lastRestTickAt;

    RestFallback(FeedConfig config, Clock clock, Vertx vertx, FeedStatus status, UpstreamLink link,
                 SubscriptionSync subscriptions, QuoteRateLimiter rateLimiter, KiteRest kiteRest, TokenSource tokens,
                 TickProcessor ticks, FeedMetrics metrics, ControlLoop loop) {
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.status = status;
        this.link = link;
        this.subscriptions = subscriptions;
        this.rateLimiter = rateLimiter;
        this.kiteRest = kiteRest;
        this.tokens = tokens;
        this.ticks = ticks;
        this.metrics = metrics;
        this.loop = loop;
    }

    /**
     * Control step: starts or stops REST_POLLING and starts a poll when one is due.
     *
     * @param tokenUsable   auth:state VALID and not AUTH_BLOCKED
     * @param ticksExpected the phase expects ticks
     * @param runningSince  when the feed last started running (silence counts from then at the earliest)
     */
    public void step(Instant now, boolean tokenUsable, boolean ticksExpected, Instant runningSince) {
        boolean want = FallbackRules.wanted(config.restFallbackEnabled(), tokenUsable, link.anyDesired(),
                ticksExpected, link.lastWsTickAt(), runningSince, now, config.restFallbackAfter());
        if (want) {
            status.startPolling(() -> LOG.warnf("no WebSocket data for over %d ms: polling Kite REST quotes while "
                    + "the socket retries", config.restFallbackAfter().toMillis()));
        } else {
            status.stopPolling();
        }
        boolean polling = status.mode() == FeedMode.REST_POLLING;
        account(now, polling);
        synchronized (lock) {
            if (!polling || now.isBefore(nextPollAt) || !pollInFlight.compareAndSet(false, true)) {
                return;
            }
            nextPollAt = now.plus(config.restFallbackInterval());
        }
        vertx.executeBlocking(() -> {
            try {
                poll();
            } finally {
                pollInFlight.set(false);
            }
            return null;
        }, false);
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

    private void poll() {
        if (!rateLimiter.tryAcquire()) {
            metrics.restPoll("rate_limited");
            synchronized (lock) {
                nextPollAt = clock.instant().plus(RATE_LIMITED_RETRY);
            }
            return;
        }
        List<String> symbols = subscriptions.symbols();
        if (symbols.isEmpty()) {
            return;
        }
        FallbackRules.Batch batch;
        synchronized (lock) {
            batch = FallbackRules.batch(symbols, pollCursor, config.restBatchSize());
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
            var quotes = kiteRest.quotes(token.value(), batch.symbols());
            Instant now = clock.instant();
            boolean published = status.publishIfPolling(() -> {
                lastRestTickAt = now;
                ticks.publishRest(quotes, now, ZoneId.systemDefault());
            });
            metrics.restPoll(published ? "ok" : "discarded");
        } catch (KiteRest.KiteCallException e) {
            metrics.restPoll(e.tokenRejected() ? "token_rejected" : e.code() == 429 ? "rate_limited_by_kite" : "error");
            status.error("REST fallback: " + e.getMessage());
            if (e.tokenRejected()) {
                link.blockOnAuth(clock.instant(), token.version(), "quote refused the token",
                        AuthReporter.Report.tokenRejected(token.version(), 403, "quote: TokenException"));
                loop.kick();
            }
        }
    }

    public Instant lastRestTickAt() {
        return lastRestTickAt;
    }
}
