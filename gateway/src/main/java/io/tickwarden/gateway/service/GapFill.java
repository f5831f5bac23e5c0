package io.tickwarden.gateway.service;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.gateway.config.GatewayConfig;
import io.tickwarden.gateway.domain.RecoveryRule.StreamId;
import io.tickwarden.gateway.domain.TickFormat;
import io.tickwarden.gateway.domain.TickFrame;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * Fills holes in the live tick stream from feed-service's history. When this gateway's subscription to
 * {@code feed.ticks} is lost and re-made while the feed keeps publishing (its Redis connection reset), the ticks
 * published in between reach none of its clients, yet they are in {@code feed:history:<symbol>}. A
 * tick more than one above the last of its instrument in the same epoch shows such a hole: the instrument's live
 * ticks are held while the missing ones are read, then the missing ones go to the subscribers first, in order, and
 * the held ones after, so a {@code delivery=all} client sees every tick without reconnecting. A hole larger than
 * {@code gateway.recovery.max-replay-ticks}, or a read that still fails (or outlasts {@code gateway.recovery.read-timeout})
 * after a few retries, lets the held ticks go without the fill (counted, logged once per outage). Threading: {@link #holding},
 * {@link #hold}, {@link #start} and {@link #release} are called under the fan-out's lock; the read completes on a
 * Redis thread, which calls back into the fan-out, which takes that lock again.
 */
@Singleton
public class GapFill {

    private static final Logger LOG = Logger.getLogger(GapFill.class);
    /**
     * A failed read is retried (100 ms, doubling to 1 s, 5 times: about 2.5 s): holes appear when Redis comes back
     * from a restart, exactly when it still answers {@code LOADING} for a moment (seen in the soak).
     */
    private static final int READ_RETRIES = 5;

    private final ReactiveRedisDataSource redis;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Recovery config;
    /** Live ticks held per instrument while its hole is read, in arrival order. */
    private final Map<String, List<TickFrame>> held = new HashMap<>();

    private volatile boolean failing;

    GapFill(ReactiveRedisDataSource redis, GatewayMetrics metrics, GatewayConfig config) {
        this.redis = redis;
        this.metrics = metrics;
        this.config = config.recovery();
    }

    /** Whether the instrument's ticks are being held for a fill (cheap when no fill runs). */
    boolean holding(String symbol) {
        return !held.isEmpty() && held.containsKey(symbol);
    }

    void hold(TickFrame frame) {
        held.get(frame.symbol()).add(frame);
    }

    /**
     * Starts a fill when {@code frame} leaves a hole after {@code previousSeq} (the instrument's last seq, 0 when
     * none) and holds the frame; false when there is no hole to fill (the frame goes out as usual).
     *
     * @param filled called once with the missing frames read (possibly none) when the read ends
     */
    boolean start(TickFrame frame, long previousSeq, TickFormat format, BiConsumer<String, List<TickFrame>> filled) {
        if (previousSeq <= 0 || frame.seq() <= previousSeq + 1) {
            return false;
        }
        StreamId from = StreamId.of(previousSeq + 1);
        StreamId to = StreamId.of(frame.seq() - 1);
        if (from.epoch() != to.epoch()) {
            // A new leader term starts its count again: nothing is missing between the terms that history could hold.
            return false;
        }
        long missing = to.n() - from.n() + 1;
        if (missing > config.maxReplayTicks()) {
            metrics.gapFill("too_large", 0);
            return false;
        }
        String symbol = frame.symbol();
        List<TickFrame> waiting = new ArrayList<>();
        waiting.add(frame);
        held.put(symbol, waiting);
        redis.getRedis()
                .send(Request.cmd(Command.XRANGE)
                        .arg(FeedRedisNames.historyKey(symbol))
                        .arg(from.toString())
                        .arg(to.toString())
                        .arg("COUNT")
                        .arg(missing))
                .ifNoItem()
                .after(config.readTimeout())
                .fail()
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .atMost(READ_RETRIES)
                .subscribe()
                .with(
                        r -> {
                            List<TickFrame> frames = new ArrayList<>();
                            for (HistoryEntries.Entry e : HistoryEntries.parse(r)) {
                                format.quote(e.json()).ifPresent(frames::add);
                            }
                            metrics.gapFill(frames.size() == missing ? "filled" : "partial", frames.size());
                            if (failing) {
                                failing = false;
                                LOG.info("filling holes in the live ticks from the history works again");
                            }
                            filled.accept(symbol, frames);
                        },
                        e -> {
                            metrics.gapFill("failed", 0);
                            if (!failing) {
                                failing = true;
                                LOG.warnf(
                                        "could not read the history to fill %d missed ticks of %s (%s); they stay missed "
                                                + "(a client can reconnect with positions); logged once until it works",
                                        missing, symbol, e.toString());
                            }
                            filled.accept(symbol, List.of());
                        });
        return true;
    }

    /** Ends the instrument's hold and hands over the ticks held meanwhile, oldest first. */
    List<TickFrame> release(String symbol) {
        List<TickFrame> waiting = held.remove(symbol);
        return waiting == null ? List.of() : waiting;
    }
}
