package io.tickwarden.feed.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.contracts.RedisNames;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.FeedMode;
import io.tickwarden.feed.domain.FeedState;
import io.tickwarden.feed.domain.MarketPhases;
import io.tickwarden.feed.domain.TickRate;
import io.tickwarden.feed.redis.ChannelListener;
import io.tickwarden.feed.redis.UpstreamSnapshots.AuthSnapshot;
import io.tickwarden.feed.redis.UpstreamSnapshots.SessionSnapshot;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The feed's rules, in order (docs/feed-service.md "Supervisor rules"): lease, schedule, auth, connect, REST
 * fallback, state. Each rule's mechanics live in its own part ({@link Leadership}, {@link AuthBlock},
 * {@link UpstreamLink}, {@link SubscriptionSync}, {@link RestFallback}, {@link FeedStatus}); this class decides
 * which run when, wires their callbacks and answers the HTTP API. Threading: {@link #control} runs single-flight
 * on the {@link ControlLoop}; {@code runningSince} and the rate are confined to it, the rest is the parts' own.
 */
@Singleton
public class FeedSupervisor {

    private static final Logger LOG = Logger.getLogger(FeedSupervisor.class);

    private final FeedConfig config;
    private final Clock clock;
    private final ControlLoop loop;
    private final FeedInputs inputs;
    private final Leadership leadership;
    private final AuthBlock authBlock;
    private final UpstreamLink link;
    private final LinkOpener opener;
    private final SubscriptionSync subscriptions;
    private final RestFallback fallback;
    private final FeedStatus status;
    private final ChannelListener channels;
    private final TickProcessor ticks;
    private final FeedMetrics metrics;
    private final TickRate rate = new TickRate();
    private volatile Instant lastControlAt;
    /** Control loop only: when the feed last started running (leader, schedule open, auth VALID). */
    private Instant runningSince;

    FeedSupervisor(FeedConfig config, Clock clock, ControlLoop loop, FeedInputs inputs, Leadership leadership,
                   AuthBlock authBlock, UpstreamLink link, LinkOpener opener, SubscriptionSync subscriptions,
                   RestFallback fallback, FeedStatus status, ChannelListener channels, TickProcessor ticks,
                   SequenceNumbers sequence, FeedMetrics metrics) {
        this.config = config;
        this.clock = clock;
        this.loop = loop;
        this.inputs = inputs;
        this.leadership = leadership;
        this.authBlock = authBlock;
        this.link = link;
        this.opener = opener;
        this.subscriptions = subscriptions;
        this.fallback = fallback;
        this.status = status;
        this.channels = channels;
        this.ticks = ticks;
        this.metrics = metrics;
        status.factsFrom(this::facts);
        leadership.callbacks(new Leadership.Callbacks() {
            @Override
            public void onElected(long epoch, Instant now) {
                sequence.newEpoch(epoch);
                link.retryNow(now);
                inputs.markDirty();
            }

            @Override
            public void onLost(String why) {
                link.close("lease_lost");
                status.error(why);
            }

            @Override
            public void onError(String message) {
                status.error(message);
            }
        });
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    void start(@Observes StartupEvent event) {
        metrics.gauges(rate::perSecond, this::lastTickAgeSeconds, () -> leadership.isLeader() ? 1.0 : 0.0,
                () -> status.mode() == FeedMode.REST_POLLING ? 1.0 : 0.0, () -> (double) link.confirmed().size(),
                () -> link.isConnected() ? 1.0 : 0.0);
        metrics.stateGauge(status::state);
        channels.start(List.of(RedisNames.AUTH_STATE_CHANNEL, RedisNames.MARKET_SESSION_CHANNEL,
                FeedRedisNames.DEMAND_CHANNEL), this::onChannelMessage, () -> {
                    inputs.markDirty();
                    loop.kick();
                });
        loop.start(this::control);
        LOG.infof("feed supervisor started: instance %s, schedule %s, watchlist %s (%s)", leadership.instanceId(),
                config.schedule(), inputs.watchlist(), inputs.watchlistMode().wire());
    }

    /** Graceful stop: close the socket, then hand the lease over at once so a standby takes over in well under 2 s. */
    void stop(@Observes ShutdownEvent event) {
        loop.stop();
        channels.stop();
        link.close("shutdown");
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
        if (RedisNames.AUTH_STATE_CHANNEL.equals(channel) && message.contains("\"VALID\"")
                && message.matches("(?s).*\"to\"\\s*:\\s*\"VALID\".*")) {
            authBlock.validEventSeen();
        }
        inputs.markDirty();
        loop.kick();
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
            link.close("standby");
            runningSince = null;
            status.transition(FeedState.STANDBY, FeedMode.NONE, "another replica holds the lease");
            return;
        }
        SessionSnapshot s = inputs.session();
        boolean run = MarketPhases.shouldRun(config.schedule(), s == null ? null : s.phase(),
                s == null ? null : s.nextPhase(), s == null ? null : s.toNextChange(), config.preOpenLead());
        if (!run) {
            link.close("schedule");
            runningSince = null;
            status.transition(FeedState.IDLE, FeedMode.NONE, "schedule: market closed");
            status.publishIfDue(now);
            return;
        }
        if (authBlock.isBlocked()) {
            if (authBlock.unblockedBy(inputs.auth())) {
                LOG.info("auth-service says VALID again: leaving AUTH_BLOCKED, connecting now");
                authBlock.clear();
                link.retryNow(now);
            } else {
                link.close("auth_blocked");
                authBlock.reportStep(now, inputs.auth());
                fallback.account(now, false);
                status.settle(FeedState.AUTH_BLOCKED, FeedMode.NONE);
                status.publishIfDue(now);
                return;
            }
        }
        AuthSnapshot a = inputs.auth();
        if (a == null || !a.valid()) {
            link.close("auth_not_valid");
            runningSince = null;
            fallback.account(now, false);
            status.transition(FeedState.AUTH_BLOCKED, FeedMode.NONE,
                    "auth state " + (a == null ? "unknown (no auth:state)" : a.state()));
            status.publishIfDue(now);
            return;
        }
        if (runningSince == null) {
            runningSince = now;
        }
        boolean ticksExpected = MarketPhases.ticksExpected(inputs.phase());
        if (link.supervise(now, ticksExpected)) {
            opener.open(now);
        }
        AuthSnapshot after = inputs.auth();
        fallback.step(now, !authBlock.isBlocked() && after != null && after.valid(), ticksExpected, runningSince);
        link.reportUnconfirmed(now);
        status.publishIfDue(now);
    }

    // ---- views -----------------------------------------------------------------------------------------------

    private FeedStatus.Facts facts() {
        UpstreamLink.Facts l = link.facts();
        AuthSnapshot a = inputs.auth();
        return new FeedStatus.Facts(l.connectedSince(), lastTickAt(), l.reconnectAttempts(), l.consecutiveFailures(),
                l.nextRetryAt(), l.confirmed(), l.requested(), l.unconfirmed(), subscriptions.capacityError(),
                inputs.phase(), a == null ? null : a.state(), rate.perSecond());
    }

    public FeedStateView view() {
        return status.view();
    }

    /** Held instruments with their modes and who wants them (for GET /api/feed/subscriptions). */
    public Map<String, Object> subscriptions() {
        return subscriptions.describe(link.held(), link.confirmed(), link.isConnected());
    }

    /** Admin: drop the socket and reconnect at once (tests, benchmarks, operators). */
    public void forceReconnect() {
        link.forceReconnect();
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
        return link.isConnected();
    }

    private Instant lastTickAt() {
        Instant ws = link.lastWsTickAt();
        Instant rest = fallback.lastRestTickAt();
        return ws == null ? rest : rest == null || ws.isAfter(rest) ? ws : rest;
    }

    private Double lastTickAgeSeconds() {
        Instant last = lastTickAt();
        return last == null ? -1.0 : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }
}
