package io.tickwarden.feed.service;

import io.tickwarden.feed.broker.BrokerCallException;
import io.tickwarden.feed.domain.FeedState;
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

    LinkOpener(TokenSource tokens, InstrumentDirectory instruments, FeedPublisher publisher, ControlLoop loop) {
        this.tokens = tokens;
        this.instruments = instruments;
        this.publisher = publisher;
        this.loop = loop;
    }

    /**
     * The token to open {@code link} with, after loading today's instruments if needed; null when it cannot open
     * now (the link was told why: a refused token blocks it, other failures back it off).
     */
    public TokenSource.AccessToken prepare(Instant now, UpstreamLink link) {
        TokenSource.AccessToken token = token(now, link);
        if (token == null) {
            return null;
        }
        try {
            if (instruments.ensureLoaded(token.value()) || instrumentsPublishDue(now)) {
                publisher.instruments(instruments.symbolTokens());
                instrumentsPublishedAt = now;
            }
        } catch (BrokerCallException e) {
            if (e.tokenRejected()) {
                link.blockOnAuth(now, token.version(), "instruments dump refused the token",
                        AuthReporter.Report.tokenRejected(token.version(), 403, "instruments dump: TokenException"));
                loop.kick();
                return null;
            }
            if (!instruments.isLoaded()) {
                link.fail(now, "instruments_unavailable", "instruments dump failed: " + e.getMessage(), FeedState.DISCONNECTED);
                return null;
            }
        }
        return token;
    }

    private TokenSource.AccessToken token(Instant now, UpstreamLink link) {
        TokenSource.AccessToken token;
        try {
            token = tokens.current().orElse(null);
        } catch (TokenSource.TokenUnavailableException e) {
            link.fail(now, "token_unavailable", e.getMessage(), FeedState.ERROR);
            return null;
        } catch (RuntimeException e) {
            link.fail(now, "redis_unavailable", "cannot read the token: " + e.getClass().getSimpleName(), FeedState.ERROR);
            return null;
        }
        if (token == null) {
            link.fail(now, "no_token", "auth:state is VALID but no token is stored", FeedState.ERROR);
        }
        return token;
    }

    private boolean instrumentsPublishDue(Instant now) {
        return instrumentsPublishedAt == null || instrumentsPublishedAt.plus(INSTRUMENTS_REPUBLISH).isBefore(now);
    }
}
