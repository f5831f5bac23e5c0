package io.tickwarden.gateway.redis;

import io.quarkus.arc.DefaultBean;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tickwarden.contracts.gateway.GatewayErrorCodes;
import io.tickwarden.gateway.config.GatewayConfig;
import io.tickwarden.gateway.service.InstrumentCatalog;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The instrument list from Redis: the key {@code gateway.instruments.key} (default {@code feed:instruments}), a
 * HASH (symbol to instrument token) or a SET of symbols, reloaded every {@code gateway.instruments.refresh} and after
 * a Redis re-subscribe. Kite's dump is feed-service's to fetch; the gateway never calls Kite.
 * <p>While the key is absent (feed-service has not published a list yet), {@code source=redis} accepts well-formed
 * symbols and says so in the health details; {@code source=strict} refuses them; {@code source=format} never reads
 * Redis.
 */
@Singleton
@DefaultBean
public class RedisInstrumentCatalog implements InstrumentCatalog {

    private static final Logger LOG = Logger.getLogger(RedisInstrumentCatalog.class);
    private static final java.time.Duration ABSENT_RETRY = java.time.Duration.ofSeconds(2);

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final GatewayConfig.Instruments config;
    private final Clock clock;
    private volatile Set<String> symbols;
    private volatile Instant loadedAt;
    private volatile String lastProblem;
    private long timer = -1;
    private boolean absentLogged;
    /** Reloads started / the latest one whose result was applied (reloads overlap, and may finish out of order). */
    private final java.util.concurrent.atomic.AtomicLong reloadsStarted = new java.util.concurrent.atomic.AtomicLong();

    private long appliedReload;

    RedisInstrumentCatalog(ReactiveRedisDataSource redis, Vertx vertx, GatewayConfig config, Clock clock) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config.instruments();
        this.clock = clock;
    }

    void start(@Observes StartupEvent e) {
        if (!"format".equals(config.source())) {
            reloadInBackground();
            // Check every 2 s while the list is absent (feed-service writes it once it has a token), then
            // every refresh interval.
            long tick = Math.min(ABSENT_RETRY.toMillis(), config.refresh().toMillis());
            // Vert.x timer, not @Scheduled: the reload is a reactive Redis read started from the event loop, and
            // the tick depends on the configured source (no timer at all for source=format).
            timer = vertx.setPeriodic(tick, id -> {
                Instant last = loadedAt;
                if (symbols == null
                        || last == null
                        || !last.plus(config.refresh()).isAfter(clock.instant())) {
                    reloadInBackground();
                }
            });
        }
    }

    void stop(@Observes ShutdownEvent e) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    @Override
    public Optional<Refusal> check(String symbol) {
        if ("format".equals(config.source())) {
            return Optional.empty();
        }
        Set<String> known = symbols;
        if (known == null) {
            return "strict".equals(config.source())
                    ? Optional.of(new Refusal(GatewayErrorCodes.UNKNOWN_SYMBOL, "instrument list not available yet"))
                    : Optional.empty();
        }
        return known.contains(symbol)
                ? Optional.empty()
                : Optional.of(new Refusal(GatewayErrorCodes.UNKNOWN_SYMBOL, "not in today's instrument list"));
    }

    /**
     * Reloads now; completes when done (tests call it after writing the key). Reloads overlap (timer, re-subscribe,
     * callers) and their replies may arrive out of order, so a reload's result is applied only if no reload started
     * after it has been applied already: an older read never replaces a newer one.
     */
    public Uni<Void> reload() {
        String key = config.key();
        return Uni.createFrom()
                .deferred(() -> {
                    long id = reloadsStarted.incrementAndGet();
                    return redis.key()
                            .type(key)
                            .chain(type -> switch (type) {
                                // Redis keeps no empty HASH or SET: empty means the key went away after TYPE.
                                case HASH -> redis.hash(String.class).hkeys(key).map(RedisInstrumentCatalog::nonEmpty);
                                case SET ->
                                    redis.set(String.class).smembers(key).map(RedisInstrumentCatalog::nonEmpty);
                                case NONE -> Uni.createFrom().item((Set<String>) null);
                                default ->
                                    Uni.createFrom()
                                            .<Set<String>>failure(new IllegalStateException(
                                                    key + " is a " + type + ", expected HASH or SET"));
                            })
                            .invoke(loaded -> apply(id, key, loaded));
                })
                .onFailure()
                .invoke(e -> lastProblem = e.toString())
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private synchronized void apply(long id, String key, Set<String> loaded) {
        if (id < appliedReload) {
            return;
        }
        appliedReload = id;
        if (loaded == null) {
            if (!absentLogged) {
                absentLogged = true;
                LOG.warnf(
                        "instrument list %s absent in Redis: %s",
                        key,
                        "strict".equals(config.source())
                                ? "refusing every symbol until it appears"
                                : "accepting well-formed symbols until it appears");
            }
        } else {
            absentLogged = false;
        }
        symbols = loaded;
        loadedAt = clock.instant();
        lastProblem = null;
    }

    private static Set<String> nonEmpty(java.util.Collection<String> symbols) {
        return symbols.isEmpty() ? null : Set.copyOf(symbols);
    }

    /** Fire-and-forget reload (timer, re-subscribe). */
    public void reloadInBackground() {
        reload().subscribe().with(v -> {}, e -> {});
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", config.source());
        d.put("key", config.key());
        Set<String> s = symbols;
        d.put("loaded", s != null);
        d.put("instruments", s == null ? 0 : s.size());
        d.put("loaded_at", loadedAt == null ? null : loadedAt.toString());
        d.put("last_error", lastProblem);
        return d;
    }

    /** For tests: the symbols currently known, or an empty list when the list is absent. */
    public List<String> known() {
        Set<String> s = symbols;
        return s == null ? List.of() : List.copyOf(s);
    }
}
