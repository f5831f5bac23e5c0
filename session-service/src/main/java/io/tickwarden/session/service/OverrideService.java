package io.tickwarden.session.service;

import io.tickwarden.contracts.session.OverrideChangedEvent;
import io.tickwarden.edge.ApiError;
import io.tickwarden.session.domain.SessionEngine;
import io.tickwarden.session.domain.SessionOverride;
import io.tickwarden.session.redis.OverrideStore;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The live set of overrides. Redis is written first, so an override the API accepted is one a restart keeps; if
 * Redis is down the request fails with 503 and nothing changes. Assumes one writing instance: a sync merges
 * Redis and memory and writes back entries Redis lost (e.g. a Redis restart without persistence).
 */
@Singleton
public class OverrideService {

    private static final Logger LOG = Logger.getLogger(OverrideService.class);
    /** Overrides for days this far in the past are dropped: they can no longer affect any answer we publish. */
    private static final int KEEP_DAYS = 7;

    private final OverrideStore store;
    private final Clock clock;
    private final Event<OverridesChanged> changed;
    private volatile Map<String, SessionOverride> overrides = Map.of();
    private volatile boolean loaded;

    public OverrideService(OverrideStore store, Clock clock, Event<OverridesChanged> changed) {
        this.store = store;
        this.clock = clock;
        this.changed = changed;
    }

    public List<SessionOverride> current() {
        return List.copyOf(overrides.values());
    }

    public List<SessionOverride> list() {
        return overrides.values().stream()
                .sorted(Comparator.comparing(SessionOverride::date).thenComparing(SessionOverride::createdAt))
                .toList();
    }

    public Optional<SessionOverride> find(String id) {
        return Optional.ofNullable(overrides.get(id));
    }

    /** Whether the overrides have been read from Redis at least once since start-up. */
    public boolean loaded() {
        return loaded;
    }

    public synchronized SessionOverride add(SessionOverride o) {
        try {
            store.put(o);
        } catch (RuntimeException e) {
            throw new ApiError(
                    503,
                    "redis_unavailable",
                    "the override was NOT applied: it could not be stored in Redis (" + e.getMessage() + ")");
        }
        Map<String, SessionOverride> next = new LinkedHashMap<>(overrides);
        next.put(o.id(), o);
        overrides = Map.copyOf(next);
        LOG.warnf(
                "Override %s added: %s %s %s on %s: %s",
                o.id(), o.type(), o.exchange(), o.segments(), o.date(), o.text());
        changed.fire(new OverridesChanged("added " + o.id()));
        announce("override_added", o);
        return o;
    }

    public synchronized boolean remove(String id) {
        SessionOverride o = overrides.get(id);
        if (o == null) {
            return false;
        }
        try {
            store.delete(id);
        } catch (RuntimeException e) {
            throw new ApiError(
                    503,
                    "redis_unavailable",
                    "the override was NOT removed: Redis could not be updated (" + e.getMessage() + ")");
        }
        Map<String, SessionOverride> next = new LinkedHashMap<>(overrides);
        next.remove(id);
        overrides = Map.copyOf(next);
        LOG.warnf("Override %s removed", id);
        changed.fire(new OverridesChanged("removed " + id));
        announce("override_removed", o);
        return true;
    }

    /**
     * Merges Redis and memory (union), writes back what Redis lacks and prunes old days. Throws when Redis is
     * unreachable; the caller retries. Returns true when the effective set changed.
     */
    public synchronized boolean syncFromRedis() {
        List<SessionOverride> stored = store.all();
        Map<String, SessionOverride> next = new LinkedHashMap<>(overrides);
        for (SessionOverride o : stored) {
            next.putIfAbsent(o.id(), o);
        }
        for (SessionOverride o : overrides.values()) {
            if (stored.stream().noneMatch(s -> s.id().equals(o.id()))) {
                store.put(o);
            }
        }
        LocalDate cutoff =
                clock.instant().atZone(SessionEngine.IST).toLocalDate().minusDays(KEEP_DAYS);
        for (SessionOverride o : new ArrayList<>(next.values())) {
            if (o.date().isBefore(cutoff)) {
                store.delete(o.id());
                next.remove(o.id());
            }
        }
        boolean differs = !next.keySet().equals(overrides.keySet());
        overrides = Map.copyOf(next);
        if (!loaded) {
            LOG.infof("Loaded %d override(s) from Redis", next.size());
        }
        loaded = true;
        return differs;
    }

    private void announce(String type, SessionOverride o) {
        try {
            store.announce(
                    new OverrideChangedEvent(type, o.id(), o.exchange(), SessionService.format(clock.instant()), o));
        } catch (RuntimeException e) {
            // The hash is the source of truth and the phase effect goes out on market.session; log and go on.
            LOG.warnf("Could not publish %s for %s: %s", type, o.id(), e.getMessage());
        }
    }
}
