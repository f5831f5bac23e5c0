package io.tickwarden.feed.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.auth.AuthState;
import io.tickwarden.contracts.auth.AuthStateChanged;
import io.tickwarden.contracts.feed.FeedMode;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.feed.FeedState;
import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.contracts.session.SessionRedisNames;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.PoolRules;
import io.tickwarden.feed.domain.SegmentClock;
import io.tickwarden.feed.domain.TickRate;
import io.tickwarden.feed.redis.ChannelListener;
import io.tickwarden.feed.redis.TokenSource;
import io.tickwarden.feed.redis.UpstreamSnapshots.AuthSnapshot;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The feed's rules, in order (docs/feed-service.md "Supervisor rules"): lease, schedule per socket, auth, connect,
 * REST fallback, state. Each rule's mechanics live in its own part ({@link Leadership}, {@link AuthBlock},
 * {@link LinkPool} and its {@link UpstreamLink}s, {@link SubscriptionSync}, {@link RestFallback},
 * {@link FeedStatus}); this class decides which run when, wires their callbacks and answers the HTTP API.
 * Threading: {@link #control} runs single-flight on the {@link ControlLoop}; {@code runningSince} and the rate are
 * confined to it, the rest is the parts' own.
 */
@Singleton
public class FeedSupervisor {

    private static final Logger LOG = Logger.getLogger(FeedSupervisor.class);
    private static final String CLOSED = "schedule: market closed";

    private final FeedConfig config;
    private final ControlLoop loop;
    private final FeedInputs inputs;
    private final Leadership leadership;
    private final AuthBlock authBlock;
    private final LinkPool pool;
    private final LinkOpener opener;
    private final SubscriptionSync subscriptions;
    private final RestFallback fallback;
    private final FeedStatus status;
    private final FeedViews views;
    private final ChannelListener channels;
    private final TickProcessor ticks;
    private final Clock clock;
    private final ObjectMapper json;
    private final TickRate rate = new TickRate();
    private volatile Instant lastControlAt;
    /** Control loop only: when the feed last started running (leader, a socket wanted, auth VALID). */
    private Instant runningSince;

    FeedSupervisor(
            FeedConfig config,
            Clock clock,
            ControlLoop loop,
            FeedInputs inputs,
            Leadership leadership,
            AuthBlock authBlock,
            LinkPool pool,
            LinkOpener opener,
            SubscriptionSync subscriptions,
            RestFallback fallback,
            FeedStatus status,
            FeedViews views,
            ChannelListener channels,
            TickProcessor ticks,
            SequenceNumbers sequence,
            FeedMetrics metrics,
            ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.loop = loop;
        this.inputs = inputs;
        this.leadership = leadership;
        this.authBlock = authBlock;
        this.pool = pool;
        this.opener = opener;
        this.subscriptions = subscriptions;
        this.fallback = fallback;
        this.status = status;
        this.views = views;
        this.channels = channels;
        this.ticks = ticks;
        status.factsFrom(() -> views.facts(rate.perSecond()));
        leadership.callbacks(new Leadership.Callbacks() {
            @Override
            public void onElected(long epoch, Instant now) {
                sequence.newEpoch(epoch);
                pool.retryNow(now);
                inputs.markDirty();
            }

            @Override
            public void onLost(String why) {
                pool.idleAll("lease_lost");
                status.error(why);
                // Fenced on the publish path: the control step turns the state to STANDBY now, not a period later.
                loop.kick();
            }

            @Override
            public void onError(String message) {
                status.error(message);
            }
        });
        metrics.gauges(
                rate::perSecond,
                views::lastTickAgeSeconds,
                () -> leadership.isLeader() ? 1.0 : 0.0,
                () -> status.mode() == FeedMode.REST_POLLING ? 1.0 : 0.0,
                () -> (double) views.confirmed(),
                () -> pool.anyConnected() ? 1.0 : 0.0,
                () -> (double) pool.connectedCount());
        metrics.stateGauge(status::state);
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    void start(@Observes StartupEvent event) {
        channels.start(
                List.of(
                        AuthRedisNames.STATE_CHANNEL,
                        SessionRedisNames.MARKET_SESSION_CHANNEL,
                        FeedRedisNames.DEMAND_CHANNEL),
                this::onChannelMessage,
                () -> {
                    inputs.markDirty();
                    loop.kick();
                });
        loop.start(this::control);
        LOG.infof(
                "feed supervisor started: instance %s, broker %s, schedule %s (home segment %s), watchlist %s (%s)",
                leadership.instanceId(),
                views.broker(),
                config.schedule(),
                inputs.clock().home(),
                inputs.watchlist(),
                inputs.watchlistMode().wire());
    }

    /**
     * Graceful stop: close every socket and wait (at most 2 s) until the closes are sent, then hand the lease over
     * at once, so a standby takes over in well under 2 s and the broker never sees both replicas' sockets.
     */
    void stop(@Observes ShutdownEvent event) {
        loop.stop();
        channels.stop();
        try {
            pool.closeAll("shutdown").toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf(
                    "upstream sockets not confirmed closed within 2 s (%s); releasing the lease anyway",
                    e.getClass().getSimpleName());
        }
        if (leadership.stepDown()) {
            status.transition(FeedState.DISCONNECTED, FeedMode.NONE, "shutdown");
            status.publishNow();
            leadership.releaseForShutdown();
        }
    }

    public void kick() {
        loop.kick();
    }

    private void onChannelMessage(String channel, String message) {
        if (AuthRedisNames.STATE_CHANNEL.equals(channel) && becameValid(message)) {
            authBlock.validEventSeen();
        }
        inputs.markDirty();
        loop.kick();
    }

    /** An {@code auth.state} event whose {@code to} is VALID; an unreadable one is not (the snapshot decides then). */
    private boolean becameValid(String message) {
        try {
            return AuthState.VALID
                    .name()
                    .equals(json.readValue(message, AuthStateChanged.class).to());
        } catch (Exception e) {
            return false;
        }
    }

    // ---- the rules -------------------------------------------------------------------------------------------

    void control() {
        if (loop.shuttingDown()) {
            return;
        }
        Instant now = clock.instant();
        lastControlAt = now;
        String inputError = inputs.refresh(now);
        if (inputError != null) {
            status.error(inputError);
        }
        leadership.step(now);
        rate.sample(now, ticks.published());
        if (!leadership.isLeader()) {
            pool.idleAll("standby");
            runningSince = null;
            status.transition(FeedState.STANDBY, FeedMode.NONE, "another replica holds the lease");
            return;
        }
        SegmentClock segments = inputs.clock();
        AuthSnapshot auth = inputs.auth();
        if (auth != null && auth.valid() && !authBlock.isBlocked()) {
            opener.preload(now, pool.links().get(0));
        }
        pool.plan(subscriptions.resolveIfLoaded());
        boolean anyRun = pool.links().stream().anyMatch(l -> l.shouldRun(segments));
        if (!anyRun) {
            pool.idleAll("schedule");
            runningSince = null;
            status.transition(FeedState.IDLE, FeedMode.NONE, CLOSED);
            status.publishIfDue(now);
            return;
        }
        if (!authUsable(now)) {
            runningSince = null;
            return;
        }
        if (runningSince == null) {
            runningSince = now;
        }
        for (UpstreamLink link : pool.links()) {
            if (!link.shouldRun(segments)) {
                link.idle(link.subscriptions().anyDesired() ? "schedule" : "no instruments");
            } else if (link.supervise(now, segments)) {
                connect(now, link, segments);
            }
        }
        AuthSnapshot after = inputs.auth();
        fallback.step(now, !authBlock.isBlocked() && after != null && after.valid(), segments, runningSince);
        pool.reportUnconfirmed(now);
        if (!authBlock.isBlocked()) {
            PoolRules.Summary s = PoolRules.aggregate(pool.statuses(), CLOSED);
            status.transition(s.state(), s.mode(), s.reason());
        }
        status.publishIfDue(now);
    }

    /** The auth rule: false (sockets closed, AUTH_BLOCKED) while blocked or auth-service does not say VALID. */
    private boolean authUsable(Instant now) {
        if (authBlock.isBlocked()) {
            if (authBlock.unblockedBy(inputs.auth())) {
                LOG.info("auth-service says VALID again: leaving AUTH_BLOCKED, connecting now");
                authBlock.clear();
                pool.retryNow(now);
            } else {
                pool.idleAll("auth_blocked");
                authBlock.reportStep(now, inputs.auth());
                fallback.account(now, false);
                status.settle(FeedState.AUTH_BLOCKED, FeedMode.NONE);
                status.publishIfDue(now);
                return false;
            }
        }
        AuthSnapshot a = inputs.auth();
        if (a == null || !a.valid()) {
            pool.idleAll("auth_not_valid");
            fallback.account(now, false);
            status.transition(
                    FeedState.AUTH_BLOCKED,
                    FeedMode.NONE,
                    "auth state " + (a == null ? "unknown (no auth:state)" : a.state()));
            status.publishIfDue(now);
            return false;
        }
        return true;
    }

    /** Token and instruments first (the first load lets the plan resolve), then this socket's connect. */
    private void connect(Instant now, UpstreamLink link, SegmentClock segments) {
        TokenSource.AccessToken token = opener.prepare(now, link);
        if (token == null) {
            return;
        }
        pool.plan(subscriptions.resolveIfLoaded());
        if (link.shouldRun(segments)) {
            link.connect(now, token);
        }
    }

    // ---- views -----------------------------------------------------------------------------------------------

    public FeedStateView view() {
        return status.view();
    }

    /** Held instruments with their modes, sockets and who wants them (for GET /api/feed/subscriptions). */
    public Map<String, Object> subscriptions() {
        return views.subscriptions();
    }

    /** Admin: drop every socket and reconnect at once (tests, benchmarks, operators). */
    public void forceReconnect() {
        pool.forceReconnect();
        loop.kick();
    }

    public boolean isLeader() {
        return leadership.isLeader();
    }

    public FeedState state() {
        return status.state();
    }

    public FeedMode mode() {
        return status.mode();
    }

    public Instant lastControlAt() {
        return lastControlAt;
    }

    public boolean isConnected() {
        return pool.anyConnected();
    }
}
