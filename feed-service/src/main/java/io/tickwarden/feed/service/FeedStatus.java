package io.tickwarden.feed.service;

import io.tickwarden.contracts.feed.FeedStateChanged;
import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.FeedMode;
import io.tickwarden.feed.domain.FeedState;
import io.tickwarden.feed.domain.Ist;
import io.tickwarden.feed.redis.FeedPublisher;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The feed's state and mode, their reason and the last error; publishes every change ({@code feed.state},
 * {@code feed:state}) while leader, and is the publish gate: WebSocket ticks switch the mode to WEBSOCKET and REST
 * ticks are published only while REST_POLLING, both under this lock, so a late poll is discarded, never published.
 * Threading: every field is guarded by this object's lock (state, mode and lastError are also volatile for
 * lock-free readers). Under the lock it calls only the non-blocking publisher, the publish action the gate was
 * given, and the lock-free view facts; never a part that locks.
 */
@Singleton
public class FeedStatus {

    private static final Logger LOG = Logger.getLogger(FeedStatus.class);

    /** The rest of the feed's contribution to the state view; every value is read without locks. */
    public record Facts(Instant connectedSince, Instant lastTickAt, long reconnectAttempts, int consecutiveFailures,
                        Instant nextRetryAt, int confirmed, int requested, List<String> unconfirmed,
                        String capacityError, String phase, String authState, double ticksPerSecond) {
    }

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

    /** A transition while the socket is down: the mode stays REST_POLLING if polling, else NONE. */
    public void transitionDown(FeedState to, String why) {
        synchronized (lock) {
            transitionLocked(to, mode == FeedMode.REST_POLLING ? FeedMode.REST_POLLING : FeedMode.NONE, why);
        }
    }

    /** Into {@code to}/{@code toMode} keeping the current reason (no-op if already there). */
    public void settle(FeedState to, FeedMode toMode) {
        synchronized (lock) {
            transitionLocked(to, toMode, reason);
        }
    }

    /** Starts REST_POLLING (keeping the state); {@code announce} runs first, only if it was not polling. */
    public void startPolling(Runnable announce) {
        synchronized (lock) {
            if (mode != FeedMode.REST_POLLING) {
                announce.run();
                transitionLocked(state, FeedMode.REST_POLLING, "rest_fallback");
            }
        }
    }

    public void stopPolling() {
        synchronized (lock) {
            if (mode == FeedMode.REST_POLLING) {
                transitionLocked(state, FeedMode.NONE, "rest_fallback_stopped");
            }
        }
    }

    /** WebSocket data arrived: CONNECTED/WEBSOCKET, then {@code publish} under the lock (beats any late poll). */
    public void websocketData(Runnable publish) {
        synchronized (lock) {
            if (mode != FeedMode.WEBSOCKET || state != FeedState.CONNECTED) {
                transitionLocked(FeedState.CONNECTED, FeedMode.WEBSOCKET, "websocket data");
            }
            publish.run();
        }
    }

    /** Runs {@code publish} only while REST_POLLING and leader; false if the poll came too late. */
    public boolean publishIfPolling(Runnable publish) {
        synchronized (lock) {
            if (mode != FeedMode.REST_POLLING || !leadership.isLeader()) {
                return false;
            }
            publish.run();
            return true;
        }
    }

    /** Called with the lock held. */
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
        LOG.infof("feed %s/%s -> %s/%s: %s", from, fromMode, to, toMode, why);
        if (leadership.isLeader()) {
            publisher.stateChanged(new FeedStateChanged(FeedStateChanged.TYPE, from.name(), to.name(),
                    Ist.format(stateSince), why, toMode.name(), leadership.instanceId()));
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
        Double age = f.lastTickAt() == null ? null : Duration.between(f.lastTickAt(), now).toMillis() / 1000.0;
        synchronized (lock) {
            boolean healthy = (state == FeedState.CONNECTED && mode == FeedMode.WEBSOCKET) || state == FeedState.STANDBY
                    || state == FeedState.IDLE;
            String quality = switch (state) {
                case CONNECTED -> mode == FeedMode.WEBSOCKET ? "GOOD" : "DEGRADED";
                case STANDBY, IDLE -> "GOOD";
                default -> mode == FeedMode.REST_POLLING ? "DEGRADED" : "DOWN";
            };
            String error = f.capacityError() != null ? f.capacityError() : lastError;
            String nextRetry = state == FeedState.CONNECTED || f.nextRetryAt().isBefore(now) ? null
                    : Ist.format(f.nextRetryAt());
            return new FeedStateView(state.name(), mode.name(), healthy, leadership.isLeader(),
                    leadership.instanceId(), Ist.format(f.connectedSince()), Ist.format(f.lastTickAt()), age,
                    f.ticksPerSecond(), f.reconnectAttempts(), f.consecutiveFailures(), nextRetry, f.confirmed(),
                    f.requested(), f.unconfirmed(), quality, error, reason, Ist.format(stateSince), f.phase(),
                    f.authState(), Ist.format(now), "kite", java.util.List.of(), java.util.List.of());
        }
    }
}
