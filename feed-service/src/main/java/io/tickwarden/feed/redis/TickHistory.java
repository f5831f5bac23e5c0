package io.tickwarden.feed.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.feed.config.FeedConfig;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The commands that append a tick to its symbol's history stream ({@code feed:history:<symbol>}), for the tick
 * pipeline of {@link FeedPublisher}: {@code XADD key MAXLEN ~ <max> <epoch>-<n> t <json>}, plus an {@code EXPIRE}
 * when the key's TTL was last set more than {@link #EXPIRE_REFRESH} ago. The explicit ID makes Redis refuse an
 * append that is not above the stream's last entry: a zombie leader of an older epoch cannot write behind the new
 * one. Such a refusal only fails that XADD (the pipeline's other commands still run); it is counted and logged once.
 */
final class TickHistory {

    private static final Logger LOG = Logger.getLogger(TickHistory.class);
    /** How often at most the TTL of one key is refreshed (an EXPIRE per tick would double the commands). */
    static final Duration EXPIRE_REFRESH = Duration.ofMinutes(10);
    /** Redis's answer to an XADD whose explicit ID is not above the stream's top entry. */
    private static final String REFUSED = "equal or smaller than the target stream top item";

    private static final long PER_EPOCH = 1_000_000_000L;

    private final boolean enabled;
    private final String maxTicks;
    private final long ttlSeconds;
    private final Clock clock;
    private final Map<String, Long> expireSetAt = new ConcurrentHashMap<>();
    private final Counter refused;
    private final AtomicBoolean refusedLogged = new AtomicBoolean();

    TickHistory(FeedConfig.History config, Clock clock, MeterRegistry registry) {
        if (config.maxTicks() < 1) {
            throw new IllegalStateException("FEED_HISTORY_MAX_TICKS must be at least 1, got " + config.maxTicks());
        }
        this.enabled = config.enabled();
        this.maxTicks = Integer.toString(config.maxTicks());
        this.ttlSeconds = Math.max(1, config.ttl().toSeconds());
        this.clock = clock;
        this.refused = Counter.builder("feed_history_refused")
                .description("history appends refused by Redis because their ID is not above the stream's last "
                        + "(a leader of an older epoch still publishing)")
                .register(registry);
    }

    /** Adds the commands that store one tick (nothing when disabled, or for a tick without symbol or seq). */
    void append(List<Request> requests, String symbol, long seq, String json) {
        if (!enabled || symbol == null || seq <= 0 || seq % PER_EPOCH == 0) {
            return;
        }
        String key = FeedRedisNames.historyKey(symbol);
        requests.add(Request.cmd(Command.XADD)
                .arg(key)
                .arg("MAXLEN")
                .arg("~")
                .arg(maxTicks)
                .arg(id(seq))
                .arg(FeedRedisNames.HISTORY_FIELD)
                .arg(json));
        long now = clock.millis();
        Long at = expireSetAt.get(key);
        if (at == null || now - at >= EXPIRE_REFRESH.toMillis()) {
            expireSetAt.put(key, now);
            requests.add(Request.cmd(Command.EXPIRE).arg(key).arg(ttlSeconds));
        }
    }

    /** The stream entry ID of a seq: {@code <epoch>-<n>}. */
    static String id(long seq) {
        return (seq / PER_EPOCH) + "-" + (seq % PER_EPOCH);
    }

    /**
     * True when a failed tick pipeline failed only because an XADD was refused as not above the stream's top (the
     * rest of the pipeline ran: Redis executes every command of a pipeline). Counted, and logged once.
     */
    boolean refusal(Throwable failure) {
        String m = failure == null ? null : failure.getMessage();
        if (m == null || !m.contains(REFUSED)) {
            return false;
        }
        refused.increment();
        if (refusedLogged.compareAndSet(false, true)) {
            LOG.warnf(
                    "history append refused by Redis (%s): another leader of a newer epoch writes the history; this "
                            + "replica should have lost its lease and will stop publishing (counted in feed_history_refused, "
                            + "logged once)",
                    m);
        }
        return true;
    }

    double refusedCount() {
        return refused.count();
    }
}
