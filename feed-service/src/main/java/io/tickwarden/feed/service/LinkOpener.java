package io.tickwarden.feed.service;

import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.feed.FeedState;
import io.tickwarden.feed.broker.BrokerCallException;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.redis.AuthReporter;
import io.tickwarden.feed.redis.FeedPublisher;
import io.tickwarden.feed.redis.TokenSource;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * What every connect needs before the socket, shared by all sockets of one api_key: the decrypted token and today's
 * instruments dump (also written to {@code feed:instruments}, re-written every 10 min so a Redis that lost it
 * heals). The supervisor then plans and connects. Threading: control loop only; the publish instant is volatile for
 * that reason alone.
 */
@Singleton
public class LinkOpener {

    private static final Duration INSTRUMENTS_REPUBLISH = Duration.ofMinutes(10);

    private final TokenSource tokens;
    private final InstrumentDirectory instruments;
    private final FeedPublisher publisher;
    private final ControlLoop loop;
    private volatile Instant instrumentsPublishedAt;
    /** Control loop only: when the next preload may try, and how long it waits after a failure. */
    private Instant nextPreloadAt = Instant.EPOCH;

    private Duration preloadDelay;

    private final Duration preloadInitial;
    private final Duration preloadMax;

    LinkOpener(
            TokenSource tokens,
            InstrumentDirectory instruments,
            FeedPublisher publisher,
            ControlLoop loop,
            FeedConfig config) {
        this.preloadInitial = config.backoffInitial();
        this.preloadMax = config.backoffMax();
        this.preloadDelay = preloadInitial;
        this.tokens = tokens;
        this.instruments = instruments;
        this.publisher = publisher;
        this.loop = loop;
    }

    /**
     * Loads today's instruments before any socket is wanted: which segment each instrument follows is only known from
     * the dump, so a feed started at 19:00 with only NSE closed must load it to learn that its MCX instruments trade.
     * Retries with a doubling delay; a refused token blocks through {@code link} (the first socket).
     */
    public void preload(Instant now, UpstreamLink link) {
        if (instruments.isLoadedToday() || now.isBefore(nextPreloadAt)) {
            return;
        }
        TokenSource.AccessToken token;
        try {
            token = tokens.current().orElse(null);
        } catch (TokenSource.TokenUnavailableException | RuntimeException e) {
            token = null; // the connect path reports why; here it only means "not yet"
        }
        if (token != null) {
            load(now, token, link);
        }
        if (instruments.isLoadedToday()) {
            preloadDelay = preloadInitial;
            return;
        }
        nextPreloadAt = now.plus(preloadDelay);
        preloadDelay =
                preloadDelay.multipliedBy(2).compareTo(preloadMax) > 0 ? preloadMax : preloadDelay.multipliedBy(2);
    }

    /**
     * The token to open {@code link} with, after loading today's instruments if needed; null when it cannot open
     * now (the link was told why: a refused token blocks it, other failures back it off).
     */
    public TokenSource.AccessToken prepare(Instant now, UpstreamLink link) {
        TokenSource.AccessToken token = token(now, link);
        return token != null && load(now, token, link) ? token : null;
    }

    /** Today's dump (if not loaded yet), re-published when due; false when there is no usable dump. */
    private boolean load(Instant now, TokenSource.AccessToken token, UpstreamLink link) {
        try {
            if (instruments.ensureLoaded(token.value()) || instrumentsPublishDue(now)) {
                publisher.instruments(instruments.symbolTokens());
                instrumentsPublishedAt = now;
            }
            return true;
        } catch (BrokerCallException e) {
            if (e.tokenRejected()) {
                link.blockOnAuth(
                        now,
                        token.version(),
                        "instruments dump refused the token",
                        AuthReporter.Report.tokenRejected(
                                token.version(), e.code() > 0 ? e.code() : 403, "instruments dump: " + e.getMessage()));
                loop.kick();
                return false;
            }
            if (!instruments.isLoaded()) {
                link.fail(
                        now,
                        "instruments_unavailable",
                        "instruments dump failed: " + e.getMessage(),
                        FeedState.DISCONNECTED);
                return false;
            }
            return true;
        }
    }

    private TokenSource.AccessToken token(Instant now, UpstreamLink link) {
        TokenSource.AccessToken token;
        try {
            token = tokens.current().orElse(null);
        } catch (TokenSource.TokenUnavailableException e) {
            link.fail(now, "token_unavailable", e.getMessage(), FeedState.ERROR);
            return null;
        } catch (RuntimeException e) {
            link.fail(
                    now,
                    "redis_unavailable",
                    "cannot read the token: " + e.getClass().getSimpleName(),
                    FeedState.ERROR);
            return null;
        }
        if (token == null) {
            link.fail(
                    now,
                    "no_token",
                    AuthRedisNames.STATE_KEY + " is VALID but no " + AuthRedisNames.TOKEN_KEY + " is stored",
                    FeedState.ERROR);
        }
        return token;
    }

    private boolean instrumentsPublishDue(Instant now) {
        return instrumentsPublishedAt == null
                || instrumentsPublishedAt.plus(INSTRUMENTS_REPUBLISH).isBefore(now);
    }
}
