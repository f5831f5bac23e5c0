package io.tickwarden.feed.service;

import io.tickwarden.contracts.feed.FeedMode;
import io.tickwarden.contracts.feed.FeedState;
import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.broker.BrokerSocket;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.LinkRules;
import io.tickwarden.feed.domain.Liveness;
import io.tickwarden.feed.domain.MarketSegment;
import io.tickwarden.feed.domain.RetrySchedule;
import io.tickwarden.feed.domain.SegmentClock;
import io.tickwarden.feed.domain.Tick;
import io.tickwarden.feed.redis.AuthReporter;
import io.tickwarden.feed.redis.TokenSource;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One upstream socket of the pool: single-flight connect (generation-checked callbacks, handshake timeout),
 * jittered backoff, resubscribe on every connect and diffs while open, data-based liveness judged only on the
 * segments that expect ticks, its own state, and the WebSocket/REST publish gate of its instruments. Threading:
 * every mutable field is guarded by {@code lock} (control loop and socket callbacks); values read by views are
 * also volatile. Under the lock it calls only the socket (non-blocking), the publisher, {@link AuthBlock},
 * {@link FeedStatus#error} and {@link LinkSubscriptions}; never another link.
 */
public final class UpstreamLink implements BrokerSocket.Listener {

    private static final Logger LOG = Logger.getLogger(UpstreamLink.class);

    private final int index;
    private final LinkShared shared;
    private final FeedConfig config;
    private final LinkAttempts attempts;
    private final LinkSubscriptions subs;
    private final LinkTimes times = new LinkTimes();
    private final Object lock = new Object();
    private final LinkState linkState;
    /** FEED_HEARTBEAT_TIMEOUT as the broker needs it (Angel: at least two of its ping intervals). */
    private final Duration heartbeatTimeout;

    private volatile BrokerSocket conn;
    /** The broker refused the current socket for its connection limit (set by onError, read by onClosed). */
    private volatile boolean limitRefused;
    /** The refusal was logged; again only after this socket has had data (one line per episode, not per retry). */
    private volatile boolean limitLogged;
    /** When the frame being decoded arrived (socket callbacks run on one event loop): every part carries it. */
    private volatile Instant frameAt;

    UpstreamLink(int index, LinkShared shared, RetrySchedule retry) {
        this.index = index;
        this.shared = shared;
        this.config = shared.config();
        this.attempts = new LinkAttempts(index, retry, shared.metrics());
        this.linkState = new LinkState(index);
        this.heartbeatTimeout = shared.broker().heartbeatTimeout(config.heartbeatTimeout());
        this.subs = new LinkSubscriptions(
                shared.subscriptions(),
                config.subscribeBatchSize(),
                config.unconfirmedReportAfter(),
                "socket " + index);
    }

    public int index() {
        return index;
    }

    /** The instruments this socket should hold (the pool's assignment); sent at the next step while open. */
    void want(Map<Long, TickMode> slice, Set<MarketSegment> segments) {
        synchronized (lock) {
            subs.want(slice, segments);
        }
    }

    /**
     * Whether this socket should be open now: any of its instruments' segments is open (or about to open); the
     * first socket with nothing to hold follows the home segment, so the feed proves its token and shows CONNECTED
     * before anyone subscribes. Others with nothing to hold close.
     */
    boolean shouldRun(SegmentClock clock) {
        Set<MarketSegment> segments = subs.segments();
        if (segments.isEmpty()) {
            return index == 0 && clock.open(clock.home());
        }
        return clock.anyOpen(segments);
    }

    /** Not wanted now: close (if open) and wait in IDLE. */
    void idle(String why) {
        synchronized (lock) {
            if (conn != null || attempts.connecting()) {
                LOG.infof("socket %d: closing (%s)", index, why);
            }
            closeLocked(why);
            times.inactive();
            linkState.idle(why);
        }
    }

    /**
     * Control step: judges liveness of an open socket (drops it when dead or stale), times out a handshake, keeps
     * subscriptions in line. Returns true when no socket is open or opening and backoff is over (connect now).
     */
    boolean supervise(Instant now, SegmentClock clock) {
        LinkRules.Action action;
        boolean expected;
        synchronized (lock) {
            times.active(now);
            expected = subs.anyDesired() && clock.anyTicksExpected(subs.segments());
            times.expecting(now, expected);
            Liveness.Verdict verdict = conn == null
                    ? Liveness.Verdict.OK
                    : Liveness.judge(
                            now,
                            times.connectedSince(),
                            times.lastFrameAt(),
                            times.lastExpectedTick(subs.segments(), clock),
                            expected,
                            heartbeatTimeout,
                            config.staleAfter());
            action = LinkRules.next(
                    now,
                    conn != null,
                    verdict,
                    attempts.connecting(),
                    attempts.startedAt(),
                    config.connectTimeout(),
                    attempts.retry().nextAt());
            switch (action) {
                case KEEP -> subs.apply(conn);
                case CONNECT_TIMEOUT -> {
                    attempts.abandon();
                    attempts.later(now, "connect_timeout", false);
                    linkState.down(FeedState.DISCONNECTED, "handshake timed out");
                }
                case DROP_DEAD, DROP_STALE -> {
                    boolean dead = action == LinkRules.Action.DROP_DEAD;
                    String cause = dead ? "heartbeat_timeout" : "tick_silence";
                    LOG.warnf(
                            "socket %d %s: %s; reconnecting",
                            index,
                            cause,
                            dead
                                    ? "no frame for " + heartbeatTimeout.toMillis() + " ms"
                                    : "no tick for " + config.staleAfter().toMillis()
                                            + " ms from segments in an open phase "
                                            + clock.expectedOf(subs.segments()));
                    closeLocked(cause);
                    attempts.later(now, cause, true);
                    linkState.down(dead ? FeedState.DISCONNECTED : FeedState.STALE, cause);
                }
                default -> {}
            }
            return action == LinkRules.Action.CONNECT && conn == null && !attempts.connecting();
        }
    }

    /** Opens the socket with {@code token}; it will subscribe what it holds (single-flight; leader only). */
    void connect(Instant now, TokenSource.AccessToken token) {
        long myAttempt;
        synchronized (lock) {
            if (!shared.leadership().isLeader()
                    || shared.loop().shuttingDown()
                    || conn != null
                    || attempts.connecting()) {
                return;
            }
            myAttempt = attempts.start(now, token.version());
            linkState.down(FeedState.CONNECTING, "connecting");
        }
        shared.broker()
                .connect(token.value(), config.connectTimeout(), this)
                .onComplete(ar -> onConnectResult(myAttempt, ar.succeeded() ? ar.result() : null, ar.cause()));
    }

    private void onConnectResult(long myAttempt, BrokerSocket c, Throwable failure) {
        Instant now = shared.clock().instant();
        synchronized (lock) {
            if (!attempts.finish(myAttempt)
                    || !shared.leadership().isLeader()
                    || shared.loop().shuttingDown()) {
                if (c != null) {
                    c.close("superseded");
                }
                return;
            }
            if (c != null) {
                conn = c;
                limitRefused = false;
                times.connected(now);
                attempts.connected();
                int count = subs.subscribeAll(c, now);
                linkState.down(FeedState.CONNECTED, "connected; subscribed " + count + " instruments");
            } else {
                Broker.ConnectFailure f = shared.broker().describeFailure(failure);
                error(f.description());
                if (f.status() != 0) {
                    shared.metrics().handshakeRejected(f.status());
                }
                if (f.tokenRejected()) {
                    // The report goes out from the control step this kick() runs (and again while unanswered).
                    blockOnAuthLocked(
                            now,
                            attempts.tokenVersion(),
                            f.description(),
                            AuthReporter.Report.handshakeRejected(
                                    shared.broker().name(),
                                    attempts.tokenVersion(),
                                    f.status(),
                                    shared.leadership().instanceId()));
                } else {
                    attempts.later(now, f.status() != 0 ? "handshake_" + f.status() : "connect_error", true);
                    linkState.down(FeedState.DISCONNECTED, f.description());
                }
            }
        }
        shared.loop().kick();
    }

    /** The broker refused the token: AUTH_BLOCKED for the whole feed, this socket closed. */
    void blockOnAuth(Instant now, long version, String why, AuthReporter.Report report) {
        synchronized (lock) {
            blockOnAuthLocked(now, version, why, report);
        }
    }

    private void blockOnAuthLocked(Instant now, long version, String why, AuthReporter.Report report) {
        shared.authBlock().block(now, version, why, report);
        closeLocked("auth_blocked");
        String reason = "token refused by the broker (" + why + ")";
        linkState.set(FeedState.AUTH_BLOCKED, FeedMode.NONE, reason);
        shared.status().transition(FeedState.AUTH_BLOCKED, FeedMode.NONE, reason);
    }

    /** Cannot even try (token, instruments): counts as a failed attempt and backs off. */
    void fail(Instant now, String cause, String message, FeedState next) {
        synchronized (lock) {
            error(message);
            attempts.later(now, cause, true);
            linkState.down(next, cause);
        }
    }

    /** Connect at the next step with a fresh backoff (new term, or auth-service said VALID again). */
    void retryNow(Instant now) {
        synchronized (lock) {
            attempts.retry().resetAt(now);
        }
    }

    /** Closes the socket (or abandons the handshake in flight); our own close, so onClosed ignores it. */
    Future<Void> close(String why) {
        synchronized (lock) {
            return closeLocked(why);
        }
    }

    private Future<Void> closeLocked(String why) {
        BrokerSocket c = conn;
        conn = null;
        times.disconnected();
        attempts.abandon();
        subs.clearConfirmed();
        return c == null ? Future.succeededFuture() : c.close(why);
    }

    /** Admin: drop the socket and reconnect at once. */
    void forceReconnect() {
        synchronized (lock) {
            if (conn != null) {
                closeLocked("admin");
                shared.metrics().reconnect("admin");
                attempts.retry().at(shared.clock().instant());
                linkState.down(FeedState.DISCONNECTED, "admin reconnect");
            }
        }
    }

    // ---- socket callbacks (event loop) ------------------------------------------------------------------------

    @Override
    public void onClosed(BrokerSocket c, String why) {
        synchronized (lock) {
            if (c != conn) {
                return;
            }
            Instant now = shared.clock().instant();
            conn = null;
            times.disconnected();
            subs.clearConfirmed();
            if (limitRefused) {
                String reason = "refused by the broker's connection limit: the previous leader's sockets are still"
                        + " open; retrying with backoff";
                error(reason);
                attempts.later(now, "connection_limit", true);
                linkState.down(FeedState.DISCONNECTED, reason);
            } else {
                error(why);
                attempts.later(now, "socket_closed", true);
                linkState.down(FeedState.DISCONNECTED, "socket " + why);
            }
        }
        shared.loop().kick();
    }

    @Override
    public void onError(BrokerSocket c, String message) {
        if (c == conn && shared.broker().connectionLimitError(message)) {
            limitRefused = true;
            if (limitLogged) {
                LOG.debugf("socket %d refused by the broker's connection limit again; retrying with backoff", index);
                return;
            }
            limitLogged = true;
            LOG.warnf(
                    "socket %d refused by the broker's connection limit per api_key: the previous leader's sockets"
                            + " are still open (it was frozen or cut off and has not closed them yet); retrying with"
                            + " backoff until they close",
                    index);
            return;
        }
        LOG.warnf("socket %d: %s", index, message);
        error(message);
    }

    @Override
    public void onFrame(BrokerSocket c) {
        if (c == conn) {
            Instant now = shared.clock().instant();
            frameAt = now;
            times.frame(now);
        }
    }

    @Override
    public boolean onTicks(BrokerSocket c, List<Tick> ticks, int part, int parts) {
        Instant now = frameAt;
        boolean changed;
        synchronized (lock) {
            if (c != conn) {
                return false;
            }
            times.ticks(now, ticks, shared.instruments()::segmentOf);
            attempts.dataArrived();
            limitLogged = false;
            subs.confirm(ticks);
            changed = linkState.data();
            // Published under this socket's lock: a REST poll of its instruments can never publish after this.
            shared.ticks().publishWsPart(ticks, now, part, parts);
        }
        if (changed) {
            shared.loop().kick();
        }
        return true;
    }

    // ---- the REST fallback's gate -----------------------------------------------------------------------------

    /** Starts or stops covering this socket's instruments by REST polls; true when it changed. */
    boolean polling(boolean want) {
        synchronized (lock) {
            return linkState.polling(want);
        }
    }

    /** Runs {@code publish} only while this socket's instruments are polled; false if WebSocket data came first. */
    boolean publishIfPolling(Runnable publish) {
        synchronized (lock) {
            if (!linkState.isPolling() || !shared.leadership().isLeader()) {
                return false;
            }
            publish.run();
            return true;
        }
    }

    /** Once per connect, {@code feed.unconfirmed-report-after} after subscribing: logs instruments still silent. */
    void reportUnconfirmed(Instant now) {
        synchronized (lock) {
            if (conn != null) {
                subs.reportUnconfirmedIfDue(now);
            }
        }
    }

    /** The socket's last error, also the feed's {@code last_error} (FeedStatus takes no other lock). */
    private void error(String message) {
        times.error(message);
        shared.status().error("socket " + index + ": " + message);
    }

    // ---- lock-free reads ---------------------------------------------------------------------------------------

    /** The socket's state, mode and reason. */
    LinkState status() {
        return linkState;
    }

    public boolean isConnected() {
        BrokerSocket c = conn;
        return c != null && c.isOpen();
    }

    LinkSubscriptions subscriptions() {
        return subs;
    }

    LinkTimes times() {
        return times;
    }

    LinkAttempts attempts() {
        return attempts;
    }
}
