package io.tickwarden.feed.service;

import io.tickwarden.feed.domain.FeedState;
import io.tickwarden.feed.redis.AuthReporter;
import io.tickwarden.feed.redis.FeedPublisher;
import io.tickwarden.feed.redis.TokenSource;
import io.tickwarden.feed.upstream.InstrumentDirectory;
import io.tickwarden.feed.upstream.KiteRest;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What every connect needs before the socket, shared by all links of one api_key: the decrypted token, today's
 * instruments dump (also written to {@code feed:instruments}, re-written every 10 min so a Redis that lost it
 * heals) and the resolved plan; then hands them to the link. Threading: control loop only; the publish instant is
 * volatile for that reason alone.
 */
@Singleton
public class LinkOpener {

    private static final Duration INSTRUMENTS_REPUBLISH = Duration.ofMinutes(10);

    private final TokenSource tokens;
    private final InstrumentDirectory instruments;
    private final FeedPublisher publisher;
    private final SubscriptionSync subscriptions;
    private final UpstreamLink link;
    private final ControlLoop loop;
    private volatile Instant instrumentsPublishedAt;

    LinkOpener(TokenSource tokens, InstrumentDirectory instruments, FeedPublisher publisher,
               SubscriptionSync subscriptions, UpstreamLink link, ControlLoop loop) {
        this.tokens = tokens;
        this.instruments = instruments;
        this.publisher = publisher;
        this.subscriptions = subscriptions;
        this.link = link;
        this.loop = loop;
    }

    public void open(Instant now) {
        TokenSource.AccessToken token;
        try {
            token = tokens.current().orElse(null);
        } catch (TokenSource.TokenUnavailableException e) {
            link.fail(now, "token_unavailable", e.getMessage(), FeedState.ERROR);
            return;
        } catch (RuntimeException e) {
            link.fail(now, "redis_unavailable", "cannot read the token: " + e.getClass().getSimpleName(), FeedState.ERROR);
            return;
        }
        if (token == null) {
            link.fail(now, "no_token", "auth:state is VALID but no token is stored", FeedState.ERROR);
            return;
        }
        try {
            if (instruments.ensureLoaded(token.value()) || instrumentsPublishDue(now)) {
                publisher.instruments(instruments.symbolTokens());
                instrumentsPublishedAt = now;
            }
        } catch (KiteRest.KiteCallException e) {
            if (e.tokenRejected()) {
                link.blockOnAuth(now, token.version(), "instruments dump refused the token",
                        AuthReporter.Report.tokenRejected(token.version(), 403, "instruments dump: TokenException"));
                loop.kick();
                return;
            }
            if (!instruments.isLoaded()) {
                link.fail(now, "instruments_unavailable", "instruments dump failed: " + e.getMessage(), FeedState.DISCONNECTED);
                return;
            }
        }
        Map<Long, io.tickwarden.feed.domain.TickMode> wanted = subscriptions.resolve();
        link.connect(now, token, wanted);
    }

    private boolean instrumentsPublishDue(Instant now) {
        return instrumentsPublishedAt == null || instrumentsPublishedAt.plus(INSTRUMENTS_REPUBLISH).isBefore(now);
    }
}
