package io.tickwarden.gateway.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tickwarden.contracts.feed.DemandChanged;
import io.tickwarden.contracts.feed.FeedDemand;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.gateway.config.GatewayConfig;
import io.tickwarden.gateway.domain.DemandCounts;
import io.tickwarden.gateway.domain.Mode;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Registers this gateway's demand with feed-service (docs/feed-service.md): field {@code symbol} of the HASH
 * {@code feed:demand:<owner>} holds {@code {"mode","clients"}} (highest mode any client wants, number of clients),
 * our entry in the ZSET {@code feed:demand:owners} is kept alive with a score of now + TTL, and every change is
 * announced on {@code feed.demand}. Counts change on subscribe, unsubscribe and disconnect; writes are debounced,
 * and the whole hash is rewritten on each refresh so a Redis restart without data heals by itself.
 * <p>The writes run one at a time, each reading the counts when it starts: a refresh and a flush used to run
 * concurrently, so a refresh that had read the counts before an unsubscribe could write the symbol back after the
 * flush had deleted it, or delete as "extra" a symbol a concurrent flush had just added (a client without ticks for
 * that symbol until the next refresh, 5 s later).
 */
@Singleton
public class DemandPublisher {

    private static final Logger LOG = Logger.getLogger(DemandPublisher.class);

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final Clock clock;
    private final GatewayConfig.Demand config;
    private final String owner;
    private final DemandCounts counts = new DemandCounts();
    private final Set<String> dirty = new HashSet<>();
    private boolean flushScheduled;
    /** Demand writes waiting for the one in flight; guarded by itself, like {@link #writing} and {@link #refreshQueued}. */
    private final ArrayDeque<Supplier<Uni<Void>>> writes = new ArrayDeque<>();

    private boolean writing;
    private boolean refreshQueued;
    private long refreshTimer = -1;
    private volatile boolean failing;
    /** Set at shutdown: the demand is withdrawn then, and no debounced write may put it back. */
    private volatile boolean stopped;

    DemandPublisher(ReactiveRedisDataSource redis, Vertx vertx, ObjectMapper json, Clock clock, GatewayConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.json = json;
        this.clock = clock;
        this.config = config.demand();
        this.owner = config.instanceId().filter(s -> !s.isBlank()).orElseGet(DemandPublisher::defaultOwner);
    }

    private static String defaultOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return "gw-" + host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    void start(@Observes StartupEvent e) {
        // Vert.x timer, not @Scheduled: a refresh is one more reactive write in the same one-at-a-time queue as
        // the debounced flushes (a Vert.x timer too), all on the event loop with no blocking call.
        refreshTimer = vertx.setPeriodic(config.refresh().toMillis(), id -> refreshAll());
    }

    void stop(@Observes ShutdownEvent e) {
        // The clients were closed just before (1001), so their releases are still debounced: drop them.
        stopped = true;
        if (refreshTimer >= 0) {
            vertx.cancelTimer(refreshTimer);
        }
        // Queued like every write, so that no write still in flight lands after it and puts our demand back.
        CompletableFuture<Void> withdrawn = new CompletableFuture<>();
        submit(() -> redis.key()
                .del(FeedRedisNames.demandKey(owner))
                .chain(() -> redis.sortedSet(String.class).zrem(FeedRedisNames.DEMAND_OWNERS_KEY, owner))
                .chain(this::announce)
                .onItemOrFailure()
                .invoke((v, ex) -> {
                    if (ex == null) {
                        withdrawn.complete(null);
                    } else {
                        withdrawn.completeExceptionally(ex);
                    }
                })
                .onFailure()
                .recoverWithNull());
        try {
            withdrawn.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (Exception ex) {
            LOG.debugf("demand not withdrawn at shutdown (%s); it lapses with its score", ex.toString());
        }
    }

    public String owner() {
        return owner;
    }

    public void add(String symbol, Mode mode) {
        counts.add(symbol, mode);
        markDirty(symbol);
    }

    public void remove(String symbol, Mode mode) {
        counts.remove(symbol, mode);
        markDirty(symbol);
    }

    public Map<String, DemandCounts.Demand> current() {
        return counts.all();
    }

    private void markDirty(String symbol) {
        synchronized (dirty) {
            dirty.add(symbol);
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        vertx.setTimer(Math.max(1, config.debounce().toMillis()), id -> submit(this::dirtyWrites));
    }

    /** The writes for the symbols marked dirty until now (they stay marked until this write starts). */
    private Uni<Void> dirtyWrites() {
        List<String> symbols;
        synchronized (dirty) {
            symbols = List.copyOf(dirty);
            dirty.clear();
            flushScheduled = false;
        }
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        Map<String, String> set = new HashMap<>();
        List<String> del = new java.util.ArrayList<>();
        for (String s : symbols) {
            counts.demand(s).ifPresentOrElse(d -> set.put(s, write(d)), () -> del.add(s));
        }
        String key = FeedRedisNames.demandKey(owner);
        Uni<Void> writes = keepAlive();
        if (!set.isEmpty()) {
            writes = writes.chain(() -> redis.hash(String.class).hset(key, set)).replaceWithVoid();
        }
        if (!del.isEmpty()) {
            writes = writes.chain(() -> redis.hash(String.class).hdel(key, del.toArray(String[]::new)))
                    .replaceWithVoid();
        }
        return writes.chain(this::announce);
    }

    /** Rewrites our whole demand and keeps our owner entry alive (once, if asked again before it started). */
    public void refreshAll() {
        if (stopped) {
            return;
        }
        synchronized (this.writes) {
            if (refreshQueued) {
                return;
            }
            refreshQueued = true;
        }
        submit(() -> {
            synchronized (this.writes) {
                refreshQueued = false;
            }
            return stopped ? Uni.createFrom().voidItem() : refreshWrites();
        });
    }

    private Uni<Void> refreshWrites() {
        Map<String, String> desired = new HashMap<>();
        counts.all().forEach((s, d) -> desired.put(s, write(d)));
        String key = FeedRedisNames.demandKey(owner);
        Uni<Void> writes = keepAlive();
        if (!desired.isEmpty()) {
            writes = writes.chain(() -> redis.hash(String.class).hset(key, desired))
                    .replaceWithVoid();
        }
        writes = writes.chain(() -> redis.hash(String.class).hkeys(key)).chain(present -> {
            List<String> extra =
                    present.stream().filter(s -> !desired.containsKey(s)).toList();
            return extra.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : redis.hash(String.class)
                            .hdel(key, extra.toArray(String[]::new))
                            .replaceWithVoid();
        });
        return writes;
    }

    private Uni<Void> keepAlive() {
        double until = clock.millis() + config.ttl().toMillis();
        // The hash expires by itself if we die: feed-service prunes only the owners ZSET.
        return redis.sortedSet(String.class)
                .zadd(FeedRedisNames.DEMAND_OWNERS_KEY, until, owner)
                .chain(() -> redis.key()
                        .expire(FeedRedisNames.demandKey(owner), config.ttl().multipliedBy(2)))
                .replaceWithVoid();
    }

    private Uni<Void> announce() {
        String event = write(
                new DemandChanged(DemandChanged.TYPE, owner, clock.instant().toString()));
        return redis.pubsub(String.class)
                .publish(FeedRedisNames.DEMAND_CHANNEL, event)
                .replaceWithVoid();
    }

    /** Queues a write; it is built (reading the counts) only when the writes before it have completed. */
    private void submit(Supplier<Uni<Void>> write) {
        synchronized (writes) {
            writes.add(write);
            if (writing) {
                return;
            }
            writing = true;
        }
        writeNext();
    }

    private void writeNext() {
        Supplier<Uni<Void>> next;
        synchronized (writes) {
            next = writes.poll();
            if (next == null) {
                writing = false;
                return;
            }
        }
        Uni<Void> uni;
        try {
            uni = next.get();
        } catch (RuntimeException e) {
            uni = Uni.createFrom().failure(e);
        }
        uni.subscribe()
                .with(
                        v -> {
                            if (failing) {
                                failing = false;
                                LOG.info("demand writes to Redis work again");
                            }
                            writeNext();
                        },
                        e -> {
                            if (!failing) {
                                failing = true;
                                LOG.warnf(
                                        "demand not written to Redis (%s); the next refresh rewrites it", e.toString());
                            }
                            writeNext();
                        });
    }

    private String write(Object value) {
        try {
            if (value instanceof DemandCounts.Demand d) {
                return json.writeValueAsString(new FeedDemand(d.mode().wire(), d.clients()));
            }
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
