package io.tickwarden.session.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.contracts.session.MarketPhase;
import io.tickwarden.contracts.session.MarketSessionSnapshot;
import io.tickwarden.contracts.session.PhaseChangedEvent;
import io.tickwarden.contracts.session.SessionRedisNames;
import io.tickwarden.session.config.SessionConfig;
import io.tickwarden.session.domain.Market;
import io.tickwarden.session.domain.Markets;
import io.tickwarden.session.domain.SessionState;
import io.tickwarden.session.domain.SimulatedClock;
import io.tickwarden.session.service.OverrideService;
import io.tickwarden.session.service.OverridesChanged;
import io.tickwarden.session.service.SessionService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Publishes the market clock. Runs never overlap, so events leave in order: each is a blocking task on ONE
 * Vert.x context's ordered {@code executeBlocking} queue (Quarkus's worker pool, no thread of our own), and
 * the wait between runs is a Vert.x timer. It sleeps until the
 * exact next transition of any market (wall delay = simulated delay / speed), or until the snapshot interval
 * elapses, whichever is first; an override wakes it at once. On each run it:
 * <ol>
 *   <li>syncs overrides from Redis (at start-up and then every snapshot interval);</li>
 *   <li>walks every transition since its last run for each market, so none is skipped even if it woke late;</li>
 *   <li>SETs the snapshot keys, then PUBLISHes the phase_changed events (key first, so a subscriber that reads
 *       the key on an event sees the new state).</li>
 * </ol>
 * When Redis is down it logs once, keeps its state un-advanced and retries, so the missed events go out (with
 * their true transition time) once Redis is back. It never throws out of the loop.
 */
@Singleton
public class SessionPublisher {

    private static final Logger LOG = Logger.getLogger(SessionPublisher.class);
    /** Safety cap on events per market per run (a stalled publisher must not flood on recovery). */
    private static final int MAX_EVENTS_PER_RUN = 50;

    private final SessionService sessions;
    private final OverrideService overrides;
    private final RedisDataSource redis;
    private final ObjectMapper json;
    private final SessionConfig config;
    private final Clock clock;
    private final Map<Market, MarketPhase> lastPhase = new HashMap<>();
    private final Map<Market, Instant> lastRun = new HashMap<>();
    private final Vertx vertx;
    /** The one context whose ordered queue serialises every run (ordering is per context). */
    private volatile Context serial;

    private volatile boolean stopped;
    private long pendingTimer = -1;
    private long lastSyncNanos;
    private boolean redisHealthy = true;

    public SessionPublisher(
            SessionService sessions,
            OverrideService overrides,
            RedisDataSource redis,
            ObjectMapper json,
            SessionConfig config,
            Clock clock,
            Vertx vertx) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.overrides = overrides;
        this.redis = redis;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        serial = vertx.getOrCreateContext();
        runSoon();
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (pendingTimer >= 0) {
            vertx.cancelTimer(pendingTimer);
        }
    }

    void onOverridesChanged(@Observes OverridesChanged change) {
        if (serial != null) {
            runSoon();
        }
    }

    /** Queues one run behind any run in progress. */
    private void runSoon() {
        if (stopped) {
            return;
        }
        serial.executeBlocking(
                () -> {
                    if (!stopped) {
                        run();
                    }
                    return null;
                },
                true);
    }

    /** One pass; always reschedules itself. */
    private void run() {
        Duration next = config.snapshotInterval();
        try {
            syncOverridesIfDue();
            Instant now = clock.instant();
            Instant soonest = null;
            for (Market market : Markets.all()) {
                SessionState state = publishMarket(market, now);
                if (state.nextChangeAt() != null
                        && (soonest == null || state.nextChangeAt().isBefore(soonest))) {
                    soonest = state.nextChangeAt();
                }
            }
            if (!redisHealthy) {
                LOG.info("Redis is reachable again: session snapshots and events are flowing");
                redisHealthy = true;
            }
            if (soonest != null) {
                Duration untilChange = wallDelay(Duration.between(clock.instant(), soonest));
                if (untilChange.compareTo(next) < 0) {
                    next = untilChange;
                }
            }
        } catch (RuntimeException e) {
            if (redisHealthy) {
                LOG.errorf(
                        "Cannot publish the market session to Redis (%s); retrying every %s. Readiness is DOWN meanwhile.",
                        e.getMessage(), config.redisRetry());
                redisHealthy = false;
            } else {
                LOG.debugf("Redis still unavailable: %s", e.getMessage());
            }
            next = config.redisRetry();
        }
        schedule(next);
    }

    private synchronized void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        if (pendingTimer >= 0) {
            vertx.cancelTimer(pendingTimer);
        }
        pendingTimer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> runSoon());
    }

    /** Converts a simulated duration into wall time, plus a millisecond so we wake just after the change. */
    private Duration wallDelay(Duration simulated) {
        double speed = clock instanceof SimulatedClock s ? s.speed() : 1.0;
        long millis = (long) Math.ceil(Math.max(0, simulated.toMillis()) / speed);
        return Duration.ofMillis(millis + 1);
    }

    private void syncOverridesIfDue() {
        long nowNanos = System.nanoTime();
        if (!overrides.loaded()
                || nowNanos - lastSyncNanos >= config.snapshotInterval().toNanos()) {
            overrides.syncFromRedis();
            lastSyncNanos = nowNanos;
        }
    }

    private SessionState publishMarket(Market market, Instant now) {
        List<PhaseChangedEvent> events = new ArrayList<>();
        MarketPhase prev = lastPhase.get(market);
        Instant since = lastRun.get(market);
        if (prev != null && since != null && !now.isBefore(since)) {
            // An override may have rewritten the timeline under us: announce the jump at the moment we see it.
            SessionState then = sessions.state(since, market);
            if (then.phase() != prev) {
                events.add(event(market, prev, then.phase(), now, sessions.state(now, market)));
                prev = then.phase();
            }
            Instant cursor = since;
            for (int i = 0; i < MAX_EVENTS_PER_RUN; i++) {
                SessionState s = sessions.state(cursor, market);
                if (s.nextChangeAt() == null || s.nextChangeAt().isAfter(now)) {
                    break;
                }
                SessionState after = sessions.state(s.nextChangeAt(), market);
                events.add(event(market, prev, after.phase(), s.nextChangeAt(), after));
                prev = after.phase();
                cursor = s.nextChangeAt();
            }
        }
        SessionState current = sessions.state(now, market);
        if (prev != null && current.phase() != prev && events.isEmpty()) {
            events.add(event(market, prev, current.phase(), now, current));
        }
        MarketSessionSnapshot snapshot = sessions.toSnapshot(current);
        String body = write(snapshot);
        redis.value(String.class).set(SessionRedisNames.marketSessionKey(market.exchange(), market.segment()), body);
        if (Markets.isDefault(market)) {
            redis.value(String.class).set(SessionRedisNames.marketSessionKey(market.exchange()), body);
        }
        for (PhaseChangedEvent e : events) {
            redis.pubsub(String.class).publish(SessionRedisNames.MARKET_SESSION_CHANNEL, write(e));
            LOG.infof("%s %s -> %s at %s", market, e.from(), e.to(), e.at());
        }
        // Only now, with everything written, is this market's state advanced.
        lastPhase.put(market, current.phase());
        lastRun.put(market, now);
        return current;
    }

    private static PhaseChangedEvent event(
            Market market, MarketPhase from, MarketPhase to, Instant at, SessionState after) {
        return new PhaseChangedEvent(
                PhaseChangedEvent.TYPE,
                market.exchange(),
                market.segment(),
                from == null ? null : from.name(),
                to.name(),
                SessionService.format(at),
                after.nextPhase() == null ? null : after.nextPhase().name(),
                SessionService.format(after.nextChangeAt()),
                after.reason());
    }

    /** Whether the last Redis write succeeded (for health). */
    public boolean redisHealthy() {
        return redisHealthy;
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
