package io.tickwarden.feed.service;

import io.tickwarden.contracts.feed.FeedMode;
import io.tickwarden.contracts.feed.FeedSegmentView;
import io.tickwarden.contracts.feed.FeedSocketView;
import io.tickwarden.contracts.feed.FeedState;
import io.tickwarden.contracts.feed.FeedStateChanged;
import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.Ist;
import io.tickwarden.feed.redis.FeedPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The feed's one state and mode (the sockets' aggregate, {@link io.tickwarden.feed.domain.PoolRules}), their reason
 * and the last error; publishes every change ({@code feed.state}, {@code feed:state}) while leader. The publish gate
 * between WebSocket and REST ticks is per socket ({@link UpstreamLink}). Threading: every field is guarded by this
 * object's lock (state, mode and lastError are also volatile for lock-free readers). Under the lock it calls only
 * the non-blocking publisher and the lock-free view facts; never a part that locks.
 */
@Singleton
public class FeedStatus {

    private static final Logger LOG = Logger.getLogger(FeedStatus.class);

    /** The rest of the feed's contribution to the state view; every value is read without locks. */
    public record Facts(
            Instant connectedSince,
            Instant lastTickAt,
            long reconnectAttempts,
            int consecutiveFailures,
            Instant nextRetryAt,
            int confirmed,
            int requested,
            List<String> unconfirmed,
            String capacityError,
            String phase,
            String authState,
            double ticksPerSecond,
            String broker,
            List<FeedSocketView> sockets,
            List<FeedSegmentView> segments) {}

    private final Clock clock;
    private final FeedPublisher publisher;
    private final Leadership leadership;
    private final Duration publishInterval;
    private final Object lock = new Object();
    private volatile FeedState state = FeedState.IDLE;
    private volatile FeedMode mode = FeedMode.NONE;
    private String reason = "starting";
    private Instant stateSince;
    private Instant statePublishedAt = Instant.EPOCH;
    private volatile String lastError;
    private volatile Supplier<Facts> facts;

    FeedStatus(Clock clock, FeedPublisher publisher, Leadership leadership, FeedConfig config) {
        this.clock = clock;
        this.publisher = publisher;
        this.leadership = leadership;
        this.publishInterval = config.statePublishInterval();
        this.stateSince = clock.instant();
    }

    /** Set once by the supervisor (it sees every part); the status cannot depend on them without a cycle. */
    public void factsFrom(Supplier<Facts> source) {
        facts = source;
    }

    /** Publishes a change of state or mode (leader only: standbys stay silent). */
    public void transition(FeedState to, FeedMode toMode, String why) {
        synchronized (lock) {
            transitionLocked(to, toMode, why);
        }
    }

    /** Into {@code to}/{@code toMode} keeping the current reason (no-op if already there). */
    public void settle(FeedState to, FeedMode toMode) {
        synchronized (lock) {
            transitionLocked(to, toMode, reason);
        }
    }

    /** Called with the lock held. */
    private void transitionLocked(FeedState to, FeedMode toMode, String why) {
        if (to == state && toMode == mode) {
            // Same state: the reason may still be news (IDLE "starting" becomes "schedule: market closed").
            if (why != null && !why.equals(reason) && "starting".equals(reason)) {
                reason = why;
            }
            return;
        }
        FeedState from = state;
        FeedMode fromMode = mode;
        state = to;
        mode = toMode;
        reason = why;
        stateSince = clock.instant();
        LOG.infof("feed %s/%s -> %s/%s: %s", from, fromMode, to, toMode, why);
        if (leadership.isLeader()) {
            publisher.stateChanged(new FeedStateChanged(
                    FeedStateChanged.TYPE,
                    from.name(),
                    to.name(),
                    Ist.format(stateSince),
                    why,
                    toMode.name(),
                    leadership.instanceId()));
            publisher.state(view());
            statePublishedAt = stateSince;
        }
    }

    /** The leader re-writes feed:state every {@code feed.state-publish-interval}. */
    public void publishIfDue(Instant now) {
        synchronized (lock) {
            if (leadership.isLeader() && Duration.between(statePublishedAt, now).compareTo(publishInterval) >= 0) {
                statePublishedAt = now;
                publisher.state(view());
            }
        }
    }

    /** Writes feed:state now, leader or not (shutdown's last word). */
    public void publishNow() {
        publisher.state(view());
    }

    public void error(String message) {
        synchronized (lock) {
            lastError = message;
        }
    }

    public FeedState state() {
        return state;
    }

    public FeedMode mode() {
        return mode;
    }

    public FeedStateView view() {
        Instant now = clock.instant();
        Facts f = facts.get();
        Double age = f.lastTickAt() == null
                ? null
                : Duration.between(f.lastTickAt(), now).toMillis() / 1000.0;
        synchronized (lock) {
            boolean healthy = (state == FeedState.CONNECTED && mode == FeedMode.WEBSOCKET)
                    || state == FeedState.STANDBY
                    || state == FeedState.IDLE;
            String quality = switch (state) {
                case CONNECTED -> mode == FeedMode.WEBSOCKET ? "GOOD" : "DEGRADED";
                case STANDBY, IDLE -> "GOOD";
                // With a pool, a socket down while others still deliver (mode WEBSOCKET) is degraded, not down.
                default -> mode == FeedMode.REST_POLLING || mode == FeedMode.WEBSOCKET ? "DEGRADED" : "DOWN";
            };
            String error = f.capacityError() != null ? f.capacityError() : lastError;
            String nextRetry =
                    state == FeedState.CONNECTED || f.nextRetryAt().isBefore(now) ? null : Ist.format(f.nextRetryAt());
            return new FeedStateView(
                    state.name(),
                    mode.name(),
                    healthy,
                    leadership.isLeader(),
                    leadership.instanceId(),
                    Ist.format(f.connectedSince()),
                    Ist.format(f.lastTickAt()),
                    age,
                    f.ticksPerSecond(),
                    f.reconnectAttempts(),
                    f.consecutiveFailures(),
                    nextRetry,
                    f.confirmed(),
                    f.requested(),
                    f.unconfirmed(),
                    quality,
                    error,
                    reason,
                    Ist.format(stateSince),
                    f.phase(),
                    f.authState(),
                    Ist.format(now),
                    f.broker(),
                    f.sockets(),
                    f.segments());
        }
    }
}
