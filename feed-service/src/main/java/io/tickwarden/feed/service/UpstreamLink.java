package io.tickwarden.feed.service;

import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.Backoff;
import io.tickwarden.feed.domain.FeedMode;
import io.tickwarden.feed.domain.FeedState;
import io.tickwarden.feed.domain.LinkRules;
import io.tickwarden.feed.domain.Liveness;
import io.tickwarden.feed.domain.RetrySchedule;
import io.tickwarden.feed.domain.TickMode;
import io.tickwarden.feed.redis.AuthReporter;
import io.tickwarden.feed.redis.TokenSource;
import io.tickwarden.feed.upstream.TickerClient;
import io.tickwarden.feed.upstream.TickerConnection;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One upstream ticker socket: single-flight connect (generation-checked callbacks, handshake timeout), jittered
 * backoff, resubscribe on every connect and diffs while open, data-based liveness, and the ticks it delivers.
 * Threading: every field is guarded by this object's lock (control loop and socket callbacks on the event loop);
 * values the state view reads are also volatile, and {@code confirmed} is a concurrent set. Under the lock it calls
 * only the socket (non-blocking), {@link FeedStatus}, {@link AuthBlock} and {@link SubscriptionSync}, never back.
 */
@Singleton
public class UpstreamLink implements TickerConnection.Listener {

    private static final Logger LOG = Logger.getLogger(UpstreamLink.class);

    private final FeedConfig config;
    private final Clock clock;
    private final TickerClient tickerClient;
    private final FeedStatus status;
    private final AuthBlock authBlock;
    private final Leadership leadership;
    private final TickProcessor ticks;
    private final FeedMetrics metrics;
    private final ControlLoop loop;
    private final RetrySchedule retry;
    private final Object lock = new Object();
    private volatile TickerConnection conn;
    private long attempt;
    private boolean connecting;
    private Instant connectStartedAt;
    private long connTokenVersion;
    private boolean firstDataSeen;
    private final LinkSubscriptions subs;
    private volatile Instant connectedSince;
    private volatile Instant lastFrameAt;
    private volatile Instant lastWsTickAt;
    private volatile long reconnectAttempts;
    private final FrameDecoding frames;

    UpstreamLink(FeedConfig config, Clock clock, TickerClient tickerClient, SubscriptionSync subscriptions,
                 FeedStatus status, AuthBlock authBlock, Leadership leadership, TickProcessor ticks,
                 FeedMetrics metrics, ControlLoop loop) {
        this.config = config;
        this.clock = clock;
        this.tickerClient = tickerClient;
        this.status = status;
        this.authBlock = authBlock;
        this.leadership = leadership;
        this.ticks = ticks;
        this.metrics = metrics;
        this.loop = loop;
        this.retry = new RetrySchedule(new Backoff(config.backoffInitial(), config.backoffMax(),
                () -> ThreadLocalRandom.current().nextDouble()));
        this.frames = new FrameDecoding(metrics);
        this.subs = new LinkSubscriptions(subscriptions, config.subscribeBatchSize(), config.unconfirmedReportAfter());
    }

    /**
     * Control step: judges liveness of an open socket (drops it when dead or stale), times out a handshake, keeps
     * subscriptions in line with the plan. Returns true when no socket is open or opening and backoff is over.
     */
    public boolean supervise(Instant now, boolean phaseExpectsTicks) {
        LinkRules.Action action;
        synchronized (lock) {
            Liveness.Verdict verdict = conn == null ? Liveness.Verdict.OK
                    : Liveness.judge(now, connectedSince, lastFrameAt, lastWsTickAt,
                    phaseExpectsTicks && subs.anyDesired(), config.heartbeatTimeout(), config.staleAfter());
            action = LinkRules.next(now, conn != null, verdict, connecting, connectStartedAt,
                    config.connectTimeout(), retry.nextAt());
            switch (action) {
                case KEEP -> subs.apply(conn);
                case CONNECT_TIMEOUT -> {
                    attempt++;
                    connecting = false;
                    retryLater(now, "connect_timeout", false);
                    status.transitionDown(FeedState.DISCONNECTED, "handshake timed out");
                }
                default -> { }
            }
        }
        if (action == LinkRules.Action.DROP_DEAD || action == LinkRules.Action.DROP_STALE) {
            boolean dead = action == LinkRules.Action.DROP_DEAD;
            String cause = dead ? "heartbeat_timeout" : "tick_silence";
            String why = dead ? "no frame for " + config.heartbeatTimeout().toMillis() + " ms"
                    : "no tick for " + config.staleAfter().toMillis() + " ms in an open phase";
            LOG.warnf("upstream socket %s: %s; reconnecting", cause, why);
            synchronized (lock) {
                closeLocked(cause);
                retryLater(now, cause, true);
                status.transitionDown(dead ? FeedState.DISCONNECTED : FeedState.STALE, cause);
            }
            return false;
        }
        if (action != LinkRules.Action.CONNECT) {
            return false;
        }
        synchronized (lock) {
            return conn == null && !connecting;
        }
    }

    /** Opens the socket with {@code token} and will subscribe {@code wanted} (single-flight; leader only). */
    public void connect(Instant now, TokenSource.AccessToken token, Map<Long, TickMode> wanted) {
        long myAttempt;
        synchronized (lock) {
            if (!leadership.isLeader() || loop.shuttingDown() || conn != null || connecting) {
                return;
            }
            subs.want(wanted);
            myAttempt = ++attempt;
            connecting = true;
            connectStartedAt = now;
            connTokenVersion = token.version();
            reconnectAttempts++;
            status.transitionDown(FeedState.CONNECTING, "connecting");
        }
        tickerClient.connect(token.value(), config.connectTimeout(), this)
                .onComplete(ar -> onConnectResult(myAttempt, ar.succeeded() ? ar.result() : null, ar.cause()));
    }

    private void onConnectResult(long myAttempt, TickerConnection c, Throwable failure) {
        Instant now = clock.instant();
        synchronized (lock) {
            long version = connTokenVersion;
            if (myAttempt != attempt || !leadership.isLeader() || loop.shuttingDown()) {
                if (c != null) {
                    c.close("superseded");
                }
                return;
            }
            connecting = false;
            if (c != null) {
                conn = c;
                // lastFrameAt/lastWsTickAt are kept: liveness measures from connectedSince anyway, and the
                // REST fallback must count WebSocket silence across reconnects.
                connectedSince = now;
                firstDataSeen = false;
                int count = subs.subscribeAll(c, now);
                status.transitionDown(FeedState.CONNECTED, "connected; subscribed " + count + " instruments");
            } else {
                int code = TickerClient.rejectedStatus(failure);
                String described = TickerClient.describe(failure);
                status.error(described);
                if (code != 0) {
                    metrics.handshakeRejected(code);
                }
                if (code == 403) {
                    // The report goes out from the control step this kick() runs (and again while unanswered).
                    blockOnAuthLocked(now, version, described,
                            AuthReporter.Report.handshakeRejected(version, 403, leadership.instanceId()));
                } else {
                    retryLater(now, code != 0 ? "handshake_" + code : "connect_error", true);
                    status.transitionDown(FeedState.DISCONNECTED, described);
                }
            }
        }
        loop.kick();
    }

    /** Kite refused the token: AUTH_BLOCKED, socket closed (also for REST and instruments-dump refusals). */
    public void blockOnAuth(Instant now, long version, String why, AuthReporter.Report report) {
        synchronized (lock) {
            blockOnAuthLocked(now, version, why, report);
        }
    }

    private void blockOnAuthLocked(Instant now, long version, String why, AuthReporter.Report report) {
        authBlock.block(now, version, why, report);
        closeLocked("auth_blocked");
        status.transition(FeedState.AUTH_BLOCKED, FeedMode.NONE, "token refused by Kite (" + why + ")");
    }

    /** Cannot even try (token, instruments): counts as a failed attempt and backs off. */
    public void fail(Instant now, String cause, String message, FeedState next) {
        synchronized (lock) {
            status.error(message);
            retryLater(now, cause, true);
            status.transitionDown(next, cause);
        }
    }

    /** Connect at the next step with a fresh backoff (new term, or auth-service said VALID again). */
    public void retryNow(Instant now) {
        synchronized (lock) {
            retry.resetAt(now);
        }
    }

    /** Called with the lock held: the next attempt after backoff; {@code failure} also counts a failure. */
    private void retryLater(Instant now, String cause, boolean failure) {
        var delay = failure ? retry.failed(now) : retry.later(now);
        metrics.reconnect(cause);
        LOG.debugf("next connect attempt in %d ms (%s)", delay.toMillis(), cause);
    }

    /** Closes the socket (or abandons the handshake in flight); our own close, so onClosed ignores it. */
    public void close(String why) {
        synchronized (lock) {
            closeLocked(why);
        }
    }

    private void closeLocked(String why) {
        TickerConnection c = conn;
        conn = null;
        connectedSince = null;
        if (connecting) {
            attempt++;
            connecting = false;
        }
        if (c != null) {
            c.close(why);
        }
        subs.clearConfirmed();
    }

    /** Admin: drop the socket and reconnect at once (tests, benchmarks, operators). */
    public void forceReconnect() {
        synchronized (lock) {
            if (conn != null) {
                closeLocked("admin");
                metrics.reconnect("admin");
                retry.at(clock.instant());
                status.transitionDown(FeedState.DISCONNECTED, "admin reconnect");
            }
        }
        loop.kick();
    }

    @Override
    public void onClosed(TickerConnection c, String why) {
        synchronized (lock) {
            if (c != conn) {
                return;
            }
            Instant now = clock.instant();
            conn = null;
            connectedSince = null;
            subs.clearConfirmed();
            status.error("socket " + why);
            retryLater(now, "socket_closed", true);
            status.transitionDown(FeedState.DISCONNECTED, "socket " + why);
        }
        loop.kick();
    }

    @Override
    public void onText(TickerConnection c, String text) {
        // Kite sends order postbacks and error messages as text; errors matter (e.g. instrument limit).
        if (text.contains("\"error\"")) {
            String shown = text.length() > 300 ? text.substring(0, 300) : text;
            LOG.warnf("Kite ticker error message: %s", shown);
            status.error("Kite: " + shown);
        }
    }

    @Override
    public void onBinary(TickerConnection c, byte[] frame) {
        Instant now = clock.instant();
        synchronized (lock) {
            if (c != conn) {
                return;
            }
            lastFrameAt = now;
        }
        // Each part is published as soon as it is decoded, not after the whole (up to 3000-tick) frame; the lock is
        // taken per part, so a socket replaced mid-frame publishes none of its remaining parts.
        frames.decodeInParts(frame, ticks.maxTicksPerMessage(), (part, index, parts) -> {
            synchronized (lock) {
                if (c != conn) {
                    return false;
                }
                lastWsTickAt = now;
                if (!firstDataSeen) {
                    firstDataSeen = true;
                    retry.dataArrived();
                }
                subs.confirm(part);
                // Published under the status lock: a REST poll can never publish after WebSocket data took over.
                status.websocketData(() -> ticks.publishWsPart(part, now, index, parts));
                return true;
            }
        });
    }

    /** Once per connect, {@code feed.unconfirmed-report-after} after subscribing: logs instruments still silent. */
    public void reportUnconfirmed(Instant now) {
        synchronized (lock) {
            if (conn != null) {
                subs.reportUnconfirmedIfDue(now);
            }
        }
    }

    // ---- lock-free reads for the state view, the fallback and the API --------------------------------------

    /** What the socket holds while open, else what it would subscribe. */
    public Map<Long, TickMode> held() {
        return subs.held(conn != null);
    }

    public Set<Long> confirmed() {
        return subs.confirmed();
    }

    public boolean anyDesired() {
        return subs.anyDesired();
    }

    public boolean isConnected() {
        TickerConnection c = conn;
        return c != null && c.isOpen();
    }

    public Instant lastWsTickAt() {
        return lastWsTickAt;
    }

    /** The link's part of the state view. */
    public record Facts(Instant connectedSince, Instant nextRetryAt, int consecutiveFailures, long reconnectAttempts,
                        int confirmed, int requested, List<String> unconfirmed) {
    }

    public Facts facts() {
        return new Facts(connectedSince, retry.nextAt(), retry.consecutiveFailures(), reconnectAttempts,
                subs.confirmed().size(), subs.requested(), conn == null ? List.of() : subs.unconfirmed());
    }
}
