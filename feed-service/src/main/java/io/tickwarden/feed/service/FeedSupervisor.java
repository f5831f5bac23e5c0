package io.tickwarden.feed.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.contracts.RedisNames;
import io.tickwarden.contracts.auth.AuthReport;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.feed.FeedStateChanged;
import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.Backoff;
import io.tickwarden.feed.domain.DecodeProblem;
import io.tickwarden.feed.domain.DecodedFrame;
import io.tickwarden.feed.domain.FeedMode;
import io.tickwarden.feed.domain.FeedState;
import io.tickwarden.feed.domain.Ist;
import io.tickwarden.feed.domain.Liveness;
import io.tickwarden.feed.domain.MarketPhases;
import io.tickwarden.feed.domain.SubscriptionPlan;
import io.tickwarden.feed.domain.Tick;
import io.tickwarden.feed.domain.TickDecoder;
import io.tickwarden.feed.domain.TickMode;
import io.tickwarden.feed.redis.AuthReporter;
import io.tickwarden.feed.redis.ChannelListener;
import io.tickwarden.feed.redis.DemandStore;
import io.tickwarden.feed.redis.FeedPublisher;
import io.tickwarden.feed.redis.LeaderLease;
import io.tickwarden.feed.redis.QuoteRateLimiter;
import io.tickwarden.feed.redis.TokenSource;
import io.tickwarden.feed.redis.UpstreamSnapshots;
import io.tickwarden.feed.redis.UpstreamSnapshots.AuthSnapshot;
import io.tickwarden.feed.redis.UpstreamSnapshots.SessionSnapshot;
import io.tickwarden.feed.upstream.InstrumentDirectory;
import io.tickwarden.feed.upstream.KiteRest;
import io.tickwarden.feed.upstream.TickerClient;
import io.tickwarden.feed.upstream.TickerConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.locks.LockSupport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connection supervisor: the one place that decides whether the upstream socket should be open, opens it
 * (single-flight, jittered backoff), resubscribes everything on every connect, judges liveness from data, blocks
 * on a handshake 403 until auth-service says VALID again, falls back to REST polling, and holds the leader lease.
 *
 * <p>Threading: the rules run in {@link #control()}, single-flight on a Vert.x worker, every
 * {@code feed.control-interval} and at once after every event ({@link #kick()}). Socket callbacks run on the event
 * loop and only touch fields under this object's lock, never Redis synchronously.
 */
@Singleton
public class FeedSupervisor implements TickerConnection.Listener {

    private static final Logger LOG = Logger.getLogger(FeedSupervisor.class);

    private final FeedConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final TickerClient tickerClient;
    private final KiteRest kiteRest;
    private final InstrumentDirectory instruments;
    private final TokenSource tokens;
    private final UpstreamSnapshots snapshots;
    private final DemandStore demandStore;
    private final LeaderLease lease;
    private final ChannelListener channels;
    private final AuthReporter authReporter;
    private final QuoteRateLimiter rateLimiter;
    private final FeedPublisher publisher;
    private final TickProcessor ticks;
    private final SequenceNumbers sequence;
    private final FeedMetrics metrics;
    private final Backoff backoff;
    private final List<String> watchlist;
    private final TickMode watchlistMode;

    // control loop
    private final AtomicBoolean controlRunning = new AtomicBoolean();
    private final AtomicBoolean controlAgain = new AtomicBoolean();
    private volatile boolean shuttingDown;
    private volatile boolean started;
    private long periodicTimer = -1;
    private volatile Instant lastControlAt;

    // inputs
    private volatile AuthSnapshot auth;
    private volatile SessionSnapshot session;
    private volatile boolean inputsDirty = true;
    private Instant inputsReadAt = Instant.EPOCH;
    private volatile SubscriptionPlan plan = SubscriptionPlan.of(List.of(), TickMode.QUOTE, List.of());
    private volatile Map<Long, String> symbolByToken = Map.of();
    private volatile List<String> unresolved = List.of();
    private volatile String capacityError;
    private Map<Long, TickMode> desired = Map.of();

    // lease
    private volatile boolean leader;
    private Instant lastRenewOkAt = Instant.EPOCH;
    private Instant lastRenewAttemptAt = Instant.EPOCH;

    // connection (guarded by this)
    private TickerConnection conn;
    private long attempt;
    private boolean connecting;
    private Instant connectStartedAt;
    private long connTokenVersion;
    private Map<Long, TickMode> sent = Map.of();
    private volatile Instant connectedSince;
    private volatile Instant lastFrameAt;
    private volatile Instant lastWsTickAt;
    private volatile Instant lastRestTickAt;
    private Instant subscribedAt;
    private boolean unconfirmedReported;
    private boolean firstDataSeen;
    private final Set<Long> confirmed = ConcurrentHashMap.newKeySet();
    private Instant nextRetryAt = Instant.EPOCH;
    private volatile int consecutiveFailures;
    private volatile long reconnectAttempts;
    private Instant runningSince;

    // auth block
    private volatile boolean authBlocked;
    private Long blockedVersion;
    private Instant blockedAt;
    private volatile boolean validSinceBlock;
    /** The report of the current block: sent at once, again while auth-service does not react (guarded by this). */
    private AuthReporter.Report blockReport;
    private Instant nextReportAt;
    private int reportAttempts;
    private int reportsDelivered;
    private int reportFailures;
    private static final Duration REPORT_FAILURE_RETRY = Duration.ofSeconds(1);

    // fallback
    private final AtomicBoolean pollInFlight = new AtomicBoolean();
    private Instant nextPollAt = Instant.EPOCH;
    private int pollCursor;
    private Instant fallbackAccountedAt;

    // state
    private volatile FeedState state = FeedState.IDLE;
    private volatile FeedMode mode = FeedMode.NONE;
    private volatile String reason = "starting";
    private static final Duration INSTRUMENTS_REPUBLISH = Duration.ofMinutes(10);
    private static final Duration LEASE_RELEASE_PATIENCE = Duration.ofMillis(1500);
    private static final Duration LEASE_RELEASE_RETRY = Duration.ofMillis(50);
    private volatile Instant stateSince;
    /** When the leader last wrote feed:instruments; re-written every 10 minutes so a Redis that lost it heals. */
    private volatile Instant instrumentsPublishedAt;
    private volatile String lastError;
    private Instant statePublishedAt = Instant.EPOCH;
    private final EnumSet<DecodeProblem> loggedProblems = EnumSet.noneOf(DecodeProblem.class);

    // rate
    private long rateTicks;
    private Instant rateAt;
    private volatile double ticksPerSecond;

    FeedSupervisor(FeedConfig config, Clock clock, Vertx vertx, TickerClient tickerClient, KiteRest kiteRest,
                   InstrumentDirectory instruments, TokenSource tokens, UpstreamSnapshots snapshots,
                   DemandStore demandStore, LeaderLease lease, ChannelListener channels, AuthReporter authReporter,
                   QuoteRateLimiter rateLimiter, FeedPublisher publisher, TickProcessor ticks,
                   SequenceNumbers sequence, FeedMetrics metrics) {
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.tickerClient = tickerClient;
        this.kiteRest = kiteRest;
        this.instruments = instruments;
        this.tokens = tokens;
        this.snapshots = snapshots;
        this.demandStore = demandStore;
        this.lease = lease;
        this.channels = channels;
        this.authReporter = authReporter;
        this.rateLimiter = rateLimiter;
        this.publisher = publisher;
        this.ticks = ticks;
        this.sequence = sequence;
        this.metrics = metrics;
        this.backoff = new Backoff(config.backoffInitial(), config.backoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.watchlist = config.watchlist().orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.watchlistMode = TickMode.fromWire(config.mode())
                .orElseThrow(() -> new IllegalStateException("FEED_MODE must be ltp, quote or full, got " + config.mode()));
        this.stateSince = clock.instant();
    }

    private boolean instrumentsPublishDue(Instant now) {
        return instrumentsPublishedAt == null || instrumentsPublishedAt.plus(INSTRUMENTS_REPUBLISH).isBefore(now);
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    void start(@Observes StartupEvent event) {
        metrics.gauges(() -> ticksPerSecond, this::lastTickAgeSeconds, () -> leader ? 1.0 : 0.0,
                () -> mode == FeedMode.REST_POLLING ? 1.0 : 0.0, () -> (double) confirmed.size(),
                () -> isConnected() ? 1.0 : 0.0);
        metrics.stateGauge(() -> state);
        channels.start(List.of(RedisNames.AUTH_STATE_CHANNEL, RedisNames.MARKET_SESSION_CHANNEL,
                FeedRedisNames.DEMAND_CHANNEL), this::onChannelMessage, () -> {
                    inputsDirty = true;
                    kick();
                });
        started = true;
        periodicTimer = vertx.setPeriodic(config.controlInterval().toMillis(), id -> kick());
        LOG.infof("feed supervisor started: instance %s, schedule %s, watchlist %s (%s)", lease.instanceId(),
                config.schedule(), watchlist, watchlistMode.wire());
    }

    /** Graceful stop: close the socket, then hand the lease over at once so a standby takes over in well under 2 s. */
    void stop(@Observes ShutdownEvent event) {
        shuttingDown = true;
        if (periodicTimer >= 0) {
            vertx.cancelTimer(periodicTimer);
        }
        channels.stop();
        boolean wasLeader = leader;
        synchronized (this) {
            closeConnection("shutdown");
            leader = false;
        }
        if (wasLeader) {
            transition(FeedState.DISCONNECTED, FeedMode.NONE, "shutdown", true);
            releaseLeaseForShutdown();
        }
    }

    /**
     * Releases the lease so a standby takes over at once. The socket is already closed, so the publishing that
     * may still saturate the Redis pool drains within moments: retry briefly (the bench saw "pool reached max
     * wait queue" on a single attempt) before leaving the lease to expire within its TTL.
     */
    private void releaseLeaseForShutdown() {
        long deadline = System.nanoTime() + LEASE_RELEASE_PATIENCE.toNanos();
        RuntimeException last = null;
        int attempts = 0;
        while (attempts == 0 || System.nanoTime() < deadline) {
            attempts++;
            try {
                lease.release();
                metrics.leaseChange("released");
                LOG.infof("leader lease released for shutdown (attempt %d)", attempts);
                return;
            } catch (RuntimeException e) {
                last = e;
                LockSupport.parkNanos(LEASE_RELEASE_RETRY.toNanos());
            }
        }
        LOG.warnf("could not release the leader lease after %d attempts (%s); it expires within its TTL",
                attempts, last);
    }

    /** Runs the rules soon on a worker; coalesces bursts (one run at a time, one more if asked meanwhile). */
    public void kick() {
        if (shuttingDown || !started) {
            return;
        }
        if (!controlRunning.compareAndSet(false, true)) {
            controlAgain.set(true);
            return;
        }
        vertx.executeBlocking(() -> {
            try {
                do {
                    controlAgain.set(false);
                    try {
                        control();
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "feed control step failed");
                    }
                } while (controlAgain.get() && !shuttingDown);
            } finally {
                controlRunning.set(false);
            }
            return null;
        }, false);
    }

    private void onChannelMessage(String channel, String message) {
        if (RedisNames.AUTH_STATE_CHANNEL.equals(channel) && message.contains("\"VALID\"")
                && message.matches("(?s).*\"to\"\\s*:\\s*\"VALID\".*")) {
            validSinceBlock = true;
        }
        inputsDirty = true;
        kick();
    }

    // ---- the rules -------------------------------------------------------------------------------------------

    void control() {
        if (shuttingDown) {
            return;
        }
        Instant now = clock.instant();
        lastControlAt = now;
        refreshInputs(now);
        leaseStep(now);
        updateRate(now);
        if (!leader) {
            synchronized (this) {
                closeConnection("standby");
                runningSince = null;
            }
            transition(FeedState.STANDBY, FeedMode.NONE, "another replica holds the lease", false);
            return;
        }
        SessionSnapshot s = session;
        boolean run = MarketPhases.shouldRun(config.schedule(), s == null ? null : s.phase(),
                s == null ? null : s.nextPhase(), s == null ? null : s.toNextChange(), config.preOpenLead());
        if (!run) {
            synchronized (this) {
                closeConnection("schedule");
                runningSince = null;
            }
            transition(FeedState.IDLE, FeedMode.NONE, "schedule: market closed", false);
            publishStateIfDue(now);
            return;
        }
        if (authBlocked) {
            if (unblocked()) {
                LOG.info("auth-service says VALID again: leaving AUTH_BLOCKED, connecting now");
                synchronized (this) {
                    authBlocked = false;
                    blockReport = null;
                    nextRetryAt = now;
                    backoff.reset();
                }
            } else {
                synchronized (this) {
                    closeConnection("auth_blocked");
                }
                authReportStep(now);
                accountFallback(now, false);
                transition(FeedState.AUTH_BLOCKED, FeedMode.NONE, reason, false);
                publishStateIfDue(now);
                return;
            }
        }
        AuthSnapshot a = auth;
        if (a == null || !a.valid()) {
            synchronized (this) {
                closeConnection("auth_not_valid");
                runningSince = null;
            }
            accountFallback(now, false);
            transition(FeedState.AUTH_BLOCKED, FeedMode.NONE,
                    "auth state " + (a == null ? "unknown (no auth:state)" : a.state()), false);
            publishStateIfDue(now);
            return;
        }
        synchronized (this) {
            if (runningSince == null) {
                runningSince = now;
            }
        }
        connectionStep(now);
        fallbackStep(now);
        reportUnconfirmed(now);
        publishStateIfDue(now);
    }

    private void refreshInputs(Instant now) {
        if (!inputsDirty && Duration.between(inputsReadAt, now).compareTo(config.snapshotRefresh()) < 0) {
            return;
        }
        inputsDirty = false;
        inputsReadAt = now;
        try {
            auth = snapshots.auth().orElse(null);
            session = snapshots.session().orElse(null);
            plan = SubscriptionPlan.of(watchlist, watchlistMode, demandStore.read());
        } catch (RuntimeException e) {
            inputsDirty = true;
            lastError = "Redis unavailable: " + e.getClass().getSimpleName();
        }
    }

    private void leaseStep(Instant now) {
        if (leader) {
            if (Duration.between(lastRenewAttemptAt, now).compareTo(config.lease().renewInterval()) >= 0) {
                lastRenewAttemptAt = now;
                try {
                    if (lease.renew()) {
                        lastRenewOkAt = clock.instant();
                    } else {
                        loseLease("lease taken by another replica");
                        return;
                    }
                } catch (RuntimeException e) {
                    lastError = "lease renew failed: " + e.getClass().getSimpleName();
                }
            }
            // Fencing: stop before the lease can expire and pass to another replica.
            if (Duration.between(lastRenewOkAt, clock.instant()).compareTo(config.lease().fenceAfter()) > 0) {
                loseLease("lease not renewed for " + config.lease().fenceAfter().toMillis() + " ms (fencing)");
            }
            return;
        }
        try {
            LeaderLease.Acquire result = lease.tryAcquire();
            if (result == LeaderLease.Acquire.HELD_BY_OTHER) {
                return;
            }
            long epoch = lease.nextEpoch();
            sequence.newEpoch(epoch);
            lastRenewOkAt = clock.instant();
            lastRenewAttemptAt = lastRenewOkAt;
            synchronized (this) {
                leader = true;
                nextRetryAt = now;
                backoff.reset();
            }
            metrics.leaseChange("acquired");
            LOG.infof("leader lease acquired (epoch %d)", epoch);
            inputsDirty = true;
        } catch (RuntimeException e) {
            lastError = "lease acquire failed: " + e.getClass().getSimpleName();
        }
    }

    private void loseLease(String why) {
        LOG.warnf("leadership lost: %s; closing the upstream socket", why);
        metrics.leaseChange("lost");
        synchronized (this) {
            leader = false;
            closeConnection("lease_lost");
        }
        lastError = why;
    }

    private boolean unblocked() {
        AuthSnapshot a = auth;
        if (a == null || !a.valid()) {
            return false;
        }
        if (validSinceBlock) {
            return true;
        }
        if (a.tokenVersion() != null && !a.tokenVersion().equals(blockedVersion)) {
            return true;
        }
        if (blockedAt == null) {
            return false;
        }
        return a.stateSince() != null && a.stateSince().isAfter(blockedAt)
                || a.lastValidatedAt() != null && a.lastValidatedAt().isAfter(blockedAt);
    }

    /**
     * While AUTH_BLOCKED (control step, worker thread): sends the block's report to auth-service when due. The first
     * goes out at once. auth.reports is pub/sub and keeps nothing: a report published while auth-service restarts
     * or re-subscribes, or during a Redis hiccup, is simply gone, and auth-service would stay VALID without ever
     * re-validating, leaving the feed blocked until its periodic validation. So while auth:state still says VALID
     * and nothing shows a re-validation since the block (otherwise {@link #unblocked()} had let us out), the report
     * is sent again every {@code feed.auth-report-retry}; one that failed or reached no subscriber is retried
     * sooner (1 s doubling up to that). Once auth-service leaves VALID (it confirmed the rejection) nothing is
     * re-sent: only a login helps then. Reports never open a socket: the block still allows no handshake at all
     * until auth-service reacts.
     */
    private void authReportStep(Instant now) {
        AuthReporter.Report report;
        AuthSnapshot a = auth;
        synchronized (this) {
            if (!authBlocked || blockReport == null || now.isBefore(nextReportAt)) {
                return;
            }
            if (reportAttempts > 0 && (a == null || !a.valid())) {
                return;
            }
            report = blockReport;
            reportAttempts++;
        }
        long receivers;
        String failure = null;
        try {
            receivers = authReporter.send(report);
        } catch (RuntimeException e) {
            receivers = -1;
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        Instant after = clock.instant();
        Duration retry = config.authReportRetry();
        synchronized (this) {
            boolean current = authBlocked && blockReport == report;
            if (receivers > 0) {
                boolean first = reportsDelivered == 0;
                metrics.authReport(first ? "sent" : "resent");
                if (!current) {
                    return;
                }
                reportsDelivered++;
                reportFailures = 0;
                nextReportAt = after.plus(retry);
                if (first) {
                    LOG.infof("reported %s (HTTP %d) for token version %d to auth-service (%d subscribers on %s); "
                                    + "waiting for it to re-validate the token, asking again every %d s until it does",
                            report.type(), report.httpStatus(), report.tokenVersion(), receivers, AuthReport.CHANNEL,
                            retry.toSeconds());
                } else {
                    LOG.warnf("still AUTH_BLOCKED %d s after Kite refused token version %d, and auth-service has not "
                                    + "re-validated it (auth:state VALID, last validated %s): re-sent the %s report "
                                    + "(%d sent so far). If this persists, check auth-service's log and that it is "
                                    + "subscribed to %s, or log in again",
                            Duration.between(blockedAt, after).toSeconds(), report.tokenVersion(),
                            a.lastValidatedAt() == null ? "never" : Ist.format(a.lastValidatedAt()), report.type(),
                            reportsDelivered, AuthReport.CHANNEL);
                }
                return;
            }
            metrics.authReport(failure != null ? "failed" : "no_subscriber");
            if (!current) {
                return;
            }
            reportFailures++;
            long factor = 1L << Math.min(reportFailures - 1, 20);
            Duration delay = REPORT_FAILURE_RETRY.multipliedBy(factor);
            if (delay.compareTo(retry) > 0) {
                delay = retry;
            }
            nextReportAt = after.plus(delay);
            if (failure != null) {
                LOG.warnf("could not publish the %s report for token version %d to auth-service (%s); retrying in %d ms. "
                                + "The feed stays AUTH_BLOCKED (no handshakes) until auth-service re-validates the token "
                                + "or a new login", report.type(), report.tokenVersion(), failure, delay.toMillis());
            } else {
                LOG.warnf("nobody is subscribed to %s: the %s report for token version %d was lost (is auth-service "
                                + "running?); retrying in %d ms. The feed stays AUTH_BLOCKED (no handshakes) until "
                                + "auth-service re-validates the token or a new login", AuthReport.CHANNEL,
                        report.type(), report.tokenVersion(), delay.toMillis());
            }
        }
    }

    // ---- connection ------------------------------------------------------------------------------------------

    private void connectionStep(Instant now) {
        String dropCause = null;
        FeedState after = FeedState.DISCONNECTED;
        synchronized (this) {
            if (conn != null) {
                boolean expectTicks = MarketPhases.ticksExpected(session == null ? null : session.phase())
                        && !desired.isEmpty();
                Liveness.Verdict verdict = Liveness.judge(now, connectedSince, lastFrameAt, lastWsTickAt, expectTicks,
                        config.heartbeatTimeout(), config.staleAfter());
                if (verdict == Liveness.Verdict.DEAD) {
                    dropCause = "heartbeat_timeout";
                } else if (verdict == Liveness.Verdict.STALE) {
                    dropCause = "tick_silence";
                    after = FeedState.STALE;
                } else {
                    applyPlan();
                }
            } else if (connecting) {
                if (Duration.between(connectStartedAt, now).compareTo(config.connectTimeout()) > 0) {
                    attempt++;
                    connecting = false;
                    scheduleRetry(now, "connect_timeout");
                    transitionLocked(FeedState.DISCONNECTED, modeWhenDown(), "handshake timed out");
                }
                return;
            } else if (now.isBefore(nextRetryAt)) {
                return;
            }
        }
        if (dropCause != null) {
            String why = dropCause.equals("heartbeat_timeout")
                    ? "no frame for " + config.heartbeatTimeout().toMillis() + " ms"
                    : "no tick for " + config.staleAfter().toMillis() + " ms in an open phase";
            LOG.warnf("upstream socket %s: %s; reconnecting", dropCause, why);
            synchronized (this) {
                closeConnection(dropCause);
                consecutiveFailures++;
                scheduleRetry(now, dropCause);
                transitionLocked(after, modeWhenDown(), dropCause);
            }
            return;
        }
        boolean idle;
        synchronized (this) {
            idle = conn == null && !connecting;
        }
        if (idle) {
            startConnect(now);
        }
    }

    private void startConnect(Instant now) {
        TokenSource.AccessToken token;
        try {
            token = tokens.current().orElse(null);
        } catch (TokenSource.TokenUnavailableException e) {
            fail(now, "token_unavailable", e.getMessage(), FeedState.ERROR);
            return;
        } catch (RuntimeException e) {
            fail(now, "redis_unavailable", "cannot read the token: " + e.getClass().getSimpleName(), FeedState.ERROR);
            return;
        }
        if (token == null) {
            fail(now, "no_token", "auth:state is VALID but no token is stored", FeedState.ERROR);
            return;
        }
        try {
            if (instruments.ensureLoaded(token.value()) || instrumentsPublishDue(now)) {
                publisher.instruments(instruments.symbolTokens());
                instrumentsPublishedAt = now;
            }
        } catch (KiteRest.KiteCallException e) {
            if (e.tokenRejected()) {
                blockOnAuth(now, token.version(), "instruments dump refused the token",
                        AuthReporter.Report.tokenRejected(token.version(), 403, "instruments dump: TokenException"));
                kick();
                return;
            }
            if (!instruments.isLoaded()) {
                fail(now, "instruments_unavailable", "instruments dump failed: " + e.getMessage(), FeedState.DISCONNECTED);
                return;
            }
        }
        Map<Long, TickMode> wanted = resolvePlan();
        long myAttempt;
        synchronized (this) {
            if (!leader || shuttingDown || conn != null || connecting) {
                return;
            }
            desired = wanted;
            myAttempt = ++attempt;
            connecting = true;
            connectStartedAt = now;
            connTokenVersion = token.version();
            reconnectAttempts++;
            transitionLocked(FeedState.CONNECTING, modeWhenDown(), "connecting");
        }
        tickerClient.connect(token.value(), config.connectTimeout(), this)
                .onComplete(ar -> onConnectResult(myAttempt, ar.succeeded() ? ar.result() : null, ar.cause()));
    }

    private void onConnectResult(long myAttempt, TickerConnection c, Throwable failure) {
        Instant now = clock.instant();
        long version;
        synchronized (this) {
            version = connTokenVersion;
            if (myAttempt != attempt || !leader || shuttingDown) {
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
                confirmed.clear();
                subscribedAt = now;
                unconfirmedReported = false;
                sent = new LinkedHashMap<>(desired);
                c.subscribe(sent, config.subscribeBatchSize());
                transitionLocked(FeedState.CONNECTED, modeWhenDown(), "connected; subscribed " + sent.size() + " instruments");
            } else {
                int status = TickerClient.rejectedStatus(failure);
                String described = TickerClient.describe(failure);
                lastError = described;
                if (status != 0) {
                    metrics.handshakeRejected(status);
                }
                if (status == 403) {
                    // The report goes out from the control step this kick() runs (and again while unanswered).
                    blockOnAuthLocked(now, version, described,
                            AuthReporter.Report.handshakeRejected(version, 403, lease.instanceId()));
                } else {
                    consecutiveFailures++;
                    scheduleRetry(now, status != 0 ? "handshake_" + status : "connect_error");
                    transitionLocked(FeedState.DISCONNECTED, modeWhenDown(), described);
                }
            }
        }
        kick();
    }

    private void blockOnAuth(Instant now, long version, String why, AuthReporter.Report report) {
        synchronized (this) {
            blockOnAuthLocked(now, version, why, report);
        }
    }

    private void blockOnAuthLocked(Instant now, long version, String why, AuthReporter.Report report) {
        LOG.warnf("Kite refused the token (%s): AUTH_BLOCKED, reporting it to auth-service; no handshakes until "
                + "auth-service says VALID again (re-validation, new token or login)", why);
        authBlocked = true;
        blockedVersion = version;
        blockedAt = now;
        validSinceBlock = false;
        blockReport = report;
        nextReportAt = now;
        reportAttempts = 0;
        reportsDelivered = 0;
        reportFailures = 0;
        closeConnection("auth_blocked");
        transitionLocked(FeedState.AUTH_BLOCKED, FeedMode.NONE, "token refused by Kite (" + why + ")");
    }

    private void fail(Instant now, String cause, String message, FeedState next) {
        synchronized (this) {
            lastError = message;
            consecutiveFailures++;
            scheduleRetry(now, cause);
            transitionLocked(next, modeWhenDown(), cause);
        }
    }

    /** Called with the lock held. */
    private void scheduleRetry(Instant now, String cause) {
        Duration delay = backoff.next();
        nextRetryAt = now.plus(delay);
        metrics.reconnect(cause);
        LOG.debugf("next connect attempt in %d ms (%s)", delay.toMillis(), cause);
    }

    /** Called with the lock held. Our own close: the listener's onClosed ignores it. */
    private void closeConnection(String why) {
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
        confirmed.clear();
    }

    /** Admin: drop the socket and reconnect at once (tests, benchmarks, operators). */
    public void forceReconnect() {
        synchronized (this) {
            if (conn != null) {
                closeConnection("admin");
                metrics.reconnect("admin");
                nextRetryAt = clock.instant();
                transitionLocked(FeedState.DISCONNECTED, modeWhenDown(), "admin reconnect");
            }
        }
        kick();
    }

    @Override
    public void onClosed(TickerConnection c, String why) {
        synchronized (this) {
            if (c != conn) {
                return;
            }
            Instant now = clock.instant();
            conn = null;
            connectedSince = null;
            confirmed.clear();
            lastError = "socket " + why;
            consecutiveFailures++;
            scheduleRetry(now, "socket_closed");
            transitionLocked(FeedState.DISCONNECTED, modeWhenDown(), "socket " + why);
        }
        kick();
    }

    @Override
    public void onText(TickerConnection c, String text) {
        // Kite sends order postbacks and error messages as text; errors matter (e.g. instrument limit).
        if (text.contains("\"error\"")) {
            String shown = text.length() > 300 ? text.substring(0, 300) : text;
            LOG.warnf("Kite ticker error message: %s", shown);
            lastError = "Kite: " + shown;
        }
    }

    @Override
    public void onBinary(TickerConnection c, byte[] frame) {
        Instant now = clock.instant();
        DecodedFrame decoded = TickDecoder.decode(frame);
        for (DecodeProblem p : decoded.problems()) {
            metrics.decodeError(p);
            boolean first;
            synchronized (loggedProblems) {
                first = loggedProblems.add(p);
            }
            if (first) {
                LOG.warnf("bad ticker frame skipped (%s, %d bytes); further ones of this kind are only counted",
                        p.metricName(), frame.length);
            }
        }
        List<Tick> list = decoded.ticks();
        synchronized (this) {
            if (c != conn) {
                return;
            }
            lastFrameAt = now;
            if (list.isEmpty()) {
                return;
            }
            lastWsTickAt = now;
            if (!firstDataSeen) {
                firstDataSeen = true;
                backoff.reset();
                consecutiveFailures = 0;
            }
            for (Tick t : list) {
                confirmed.add(t.instrumentToken());
            }
            if (mode != FeedMode.WEBSOCKET || state != FeedState.CONNECTED) {
                transitionLocked(FeedState.CONNECTED, FeedMode.WEBSOCKET, "websocket data");
            }
            // Published under the lock: a REST poll can never publish after WebSocket data took over.
            ticks.publishWs(list, now);
        }
    }

    // ---- subscriptions ---------------------------------------------------------------------------------------

    /** Symbols to tokens with modes; records unresolved symbols and the capacity error. Worker thread. */
    private Map<Long, TickMode> resolvePlan() {
        SubscriptionPlan p = plan;
        List<SubscriptionPlan.Want> wants = new ArrayList<>(p.wants().values());
        // Watchlist first, then the most wanted: they keep their place when over capacity.
        wants.sort(Comparator.comparing((SubscriptionPlan.Want w) -> !w.wantedBy().containsKey(SubscriptionPlan.WATCHLIST))
                .thenComparing(w -> -w.clients()));
        Map<Long, TickMode> out = new LinkedHashMap<>();
        Map<Long, String> names = new HashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> overCapacity = new ArrayList<>();
        for (SubscriptionPlan.Want w : wants) {
            Optional<InstrumentDirectory.Ref> ref = instruments.resolve(w.symbol());
            if (ref.isEmpty()) {
                missing.add(w.symbol());
                continue;
            }
            if (out.size() >= config.maxInstrumentsPerSocket() && !out.containsKey(ref.get().token())) {
                overCapacity.add(w.symbol());
                continue;
            }
            out.merge(ref.get().token(), w.mode(), TickMode::richer);
            names.put(ref.get().token(), w.symbol());
        }
        symbolByToken = names;
        if (!missing.equals(unresolved) && !missing.isEmpty()) {
            LOG.warnf("unknown symbols not subscribed (not in today's instruments dump): %s", missing);
        }
        unresolved = List.copyOf(missing);
        capacityError = overCapacity.isEmpty() ? null
                : "capacity: " + (out.size() + overCapacity.size()) + " instruments wanted, at most "
                + config.maxInstrumentsPerSocket() + " per socket; not subscribed: " + overCapacity;
        if (capacityError != null) {
            LOG.warn(capacityError);
        }
        return out;
    }

    /** Called with the lock held while connected: brings the socket in line with the plan. */
    private void applyPlan() {
        if (!instruments.isLoaded()) {
            return;
        }
        Map<Long, TickMode> wanted = resolvePlan();
        desired = wanted;
        if (wanted.equals(sent) || conn == null) {
            return;
        }
        Map<Long, TickMode> add = new LinkedHashMap<>();
        wanted.forEach((token, m) -> {
            if (sent.get(token) != m) {
                add.put(token, m);
            }
        });
        List<Long> remove = sent.keySet().stream().filter(t -> !wanted.containsKey(t)).toList();
        if (!remove.isEmpty()) {
            conn.unsubscribe(remove, config.subscribeBatchSize());
            remove.forEach(confirmed::remove);
        }
        if (!add.isEmpty()) {
            conn.subscribe(add, config.subscribeBatchSize());
        }
        sent = new LinkedHashMap<>(wanted);
        LOG.infof("subscriptions updated: +%d -%d (now %d)", add.size(), remove.size(), sent.size());
    }

    private void reportUnconfirmed(Instant now) {
        List<String> missing;
        synchronized (this) {
            if (conn == null || unconfirmedReported || subscribedAt == null
                    || Duration.between(subscribedAt, now).compareTo(config.unconfirmedReportAfter()) < 0) {
                return;
            }
            unconfirmedReported = true;
            missing = unconfirmedSymbols();
        }
        if (!missing.isEmpty()) {
            LOG.warnf("%d subscribed instruments sent no data within %d s: %s", missing.size(),
                    config.unconfirmedReportAfter().toSeconds(), missing);
        }
    }

    private List<String> unconfirmedSymbols() {
        List<String> out = new ArrayList<>();
        Map<Long, String> names = symbolByToken;
        for (Long token : sent.keySet()) {
            if (!confirmed.contains(token)) {
                out.add(names.getOrDefault(token, Long.toString(token)));
            }
        }
        return out;
    }

    // ---- REST fallback ---------------------------------------------------------------------------------------

    private void fallbackStep(Instant now) {
        boolean want;
        synchronized (this) {
            Instant ref = laterOf(lastWsTickAt, runningSince);
            want = config.restFallbackEnabled() && !authBlocked && auth != null && auth.valid() && !desired.isEmpty()
                    && MarketPhases.ticksExpected(session == null ? null : session.phase())
                    && ref != null && Duration.between(ref, now).compareTo(config.restFallbackAfter()) > 0;
            if (want && mode != FeedMode.REST_POLLING) {
                LOG.warnf("no WebSocket data for over %d ms: polling Kite REST quotes while the socket retries",
                        config.restFallbackAfter().toMillis());
                transitionLocked(state, FeedMode.REST_POLLING, "rest_fallback");
            } else if (!want && mode == FeedMode.REST_POLLING) {
                transitionLocked(state, FeedMode.NONE, "rest_fallback_stopped");
            }
        }
        accountFallback(now, mode == FeedMode.REST_POLLING);
        if (mode != FeedMode.REST_POLLING || now.isBefore(nextPollAt) || !pollInFlight.compareAndSet(false, true)) {
            return;
        }
        nextPollAt = now.plus(config.restFallbackInterval());
        vertx.executeBlocking(() -> {
            try {
                poll();
            } finally {
                pollInFlight.set(false);
            }
            return null;
        }, false);
    }

    private void poll() {
        if (!rateLimiter.tryAcquire()) {
            metrics.restPoll("rate_limited");
            nextPollAt = clock.instant().plusMillis(200);
            return;
        }
        List<String> symbols = new ArrayList<>(symbolByToken.values());
        if (symbols.isEmpty()) {
            return;
        }
        int size = config.restBatchSize();
        int from = (pollCursor * size) % symbols.size();
        List<String> batch = symbols.subList(from, Math.min(symbols.size(), from + size));
        pollCursor = from + size >= symbols.size() ? 0 : pollCursor + 1;
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
            var quotes = kiteRest.quotes(token.value(), batch);
            Instant now = clock.instant();
            synchronized (this) {
                if (mode != FeedMode.REST_POLLING || !leader) {
                    metrics.restPoll("discarded");
                    return;
                }
                lastRestTickAt = now;
                ticks.publishRest(quotes, now, ZoneId.systemDefault());
            }
            metrics.restPoll("ok");
        } catch (KiteRest.KiteCallException e) {
            metrics.restPoll(e.tokenRejected() ? "token_rejected" : e.code() == 429 ? "rate_limited_by_kite" : "error");
            lastError = "REST fallback: " + e.getMessage();
            if (e.tokenRejected()) {
                blockOnAuth(clock.instant(), token.version(), "quote refused the token",
                        AuthReporter.Report.tokenRejected(token.version(), 403, "quote: TokenException"));
                kick();
            }
        }
    }

    private void accountFallback(Instant now, boolean active) {
        if (active && fallbackAccountedAt != null) {
            metrics.fallbackTime(Duration.between(fallbackAccountedAt, now).toMillis() / 1000.0);
        }
        fallbackAccountedAt = active ? now : null;
    }

    // ---- state -----------------------------------------------------------------------------------------------

    private void transition(FeedState to, FeedMode toMode, String why, boolean forcePublish) {
        synchronized (this) {
            transitionLocked(to, toMode, why);
        }
        if (forcePublish) {
            publisher.state(view());
        }
    }

    /** Called with the lock held. Publishes a change of state or mode (leader only: standbys stay silent). */
    private void transitionLocked(FeedState to, FeedMode toMode, String why) {
        if (to == state && toMode == mode) {
            return;
        }
        FeedState from = state;
        FeedMode fromMode = mode;
        state = to;
        mode = toMode;
        reason = why;
        stateSince = clock.instant();
        if (from != to || fromMode != toMode) {
            LOG.infof("feed %s/%s -> %s/%s: %s", from, fromMode, to, toMode, why);
        }
        if (leader) {
            publisher.stateChanged(new FeedStateChanged(FeedStateChanged.TYPE, from.name(), to.name(),
                    Ist.format(stateSince), why, toMode.name(), lease.instanceId()));
            publisher.state(view());
            statePublishedAt = stateSince;
        }
    }

    /** Until the socket delivers data, published data comes from REST polling or from nowhere. */
    private FeedMode modeWhenDown() {
        return mode == FeedMode.REST_POLLING ? FeedMode.REST_POLLING : FeedMode.NONE;
    }

    private void publishStateIfDue(Instant now) {
        if (leader && Duration.between(statePublishedAt, now).compareTo(config.statePublishInterval()) >= 0) {
            statePublishedAt = now;
            publisher.state(view());
        }
    }

    private void updateRate(Instant now) {
        long total = ticks.published();
        if (rateAt == null) {
            rateAt = now;
            rateTicks = total;
            return;
        }
        long ms = Duration.between(rateAt, now).toMillis();
        if (ms >= 1000) {
            ticksPerSecond = Math.round((total - rateTicks) * 10000.0 / ms) / 10.0;
            rateAt = now;
            rateTicks = total;
        }
    }

    public FeedStateView view() {
        Instant now = clock.instant();
        Instant lastTick = laterOf(lastWsTickAt, lastRestTickAt);
        Double age = lastTick == null ? null : Duration.between(lastTick, now).toMillis() / 1000.0;
        List<String> unconfirmed;
        int requested;
        synchronized (this) {
            unconfirmed = conn == null ? List.of() : unconfirmedSymbols();
            requested = desired.size();
        }
        boolean healthy = (state == FeedState.CONNECTED && mode == FeedMode.WEBSOCKET) || state == FeedState.STANDBY
                || state == FeedState.IDLE;
        String quality = switch (state) {
            case CONNECTED -> mode == FeedMode.WEBSOCKET ? "GOOD" : "DEGRADED";
            case STANDBY, IDLE -> "GOOD";
            default -> mode == FeedMode.REST_POLLING ? "DEGRADED" : "DOWN";
        };
        String error = capacityError != null ? capacityError : lastError;
        SessionSnapshot s = session;
        AuthSnapshot a = auth;
        return new FeedStateView(state.name(), mode.name(), healthy, leader, lease.instanceId(),
                Ist.format(connectedSince), Ist.format(lastTick), age, ticksPerSecond, reconnectAttempts,
                consecutiveFailures, state == FeedState.CONNECTED || nextRetryAt.isBefore(now) ? null : Ist.format(nextRetryAt),
                confirmed.size(), requested, unconfirmed, quality, error, reason, Ist.format(stateSince),
                s == null ? null : s.phase(), a == null ? null : a.state(), Ist.format(now));
    }

    /** Held instruments with their modes and who wants them (for GET /api/feed/subscriptions). */
    public Map<String, Object> subscriptions() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        Map<Long, String> names = symbolByToken;
        Map<Long, TickMode> held;
        synchronized (this) {
            held = new LinkedHashMap<>(conn != null ? sent : desired);
        }
        Map<String, SubscriptionPlan.Want> wants = plan.wants();
        held.forEach((token, m) -> {
            String symbol = names.get(token);
            SubscriptionPlan.Want w = symbol == null ? null : wants.get(symbol);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("symbol", symbol);
            item.put("instrument_token", token);
            item.put("mode", m.wire());
            item.put("confirmed", confirmed.contains(token));
            item.put("wanted_by", w == null ? Map.of() : w.wantedBy());
            item.put("clients", w == null ? 0 : w.clients());
            list.add(item);
        });
        out.put("instruments", list);
        out.put("count", list.size());
        out.put("confirmed", list.stream().filter(i -> Boolean.TRUE.equals(i.get("confirmed"))).count());
        out.put("unresolved_symbols", unresolved);
        out.put("capacity_error", capacityError);
        out.put("max_per_socket", config.maxInstrumentsPerSocket());
        out.put("connected", isConnected());
        return out;
    }

    public boolean isLeader() {
        return leader;
    }

    public FeedState state() {
        return state;
    }

    public FeedMode mode() {
        return mode;
    }

    public Instant lastControlAt() {
        return lastControlAt;
    }

    public synchronized boolean isConnected() {
        return conn != null && conn.isOpen();
    }

    private Double lastTickAgeSeconds() {
        Instant last = laterOf(lastWsTickAt, lastRestTickAt);
        return last == null ? -1.0 : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }

    private static Instant laterOf(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
