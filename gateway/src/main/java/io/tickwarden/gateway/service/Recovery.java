package io.tickwarden.gateway.service;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.gateway.GatewayMessages;
import io.tickwarden.contracts.gateway.GatewayRecoveryReasons;
import io.tickwarden.gateway.config.GatewayConfig;
import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.RecoveryRule;
import io.tickwarden.gateway.domain.RecoveryRule.StreamId;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Recovery by position: reads the history streams of feed-service ({@code feed:history:<symbol>}) for the symbols
 * a client subscribed with positions, in one pipeline (per symbol the newest entry ID, and the entries from the
 * position on), lets {@link RecoveryRule} decide per symbol, and renders the replay messages
 * ({@code {"type":"ticks","recovered":true,"ticks":[...]}}) in the subscription's mode. Never fails: a Redis error or
 * timeout makes every symbol NO_HISTORY (logged once per outage).
 */
@Singleton
public class Recovery {

    private static final Logger LOG = Logger.getLogger(Recovery.class);

    /** One symbol's outcome: the report for {@code subscribed}, and when recovered the replay and its last seq. */
    public record Result(GatewayMessages.Recovery report, List<String> replay, long lastSeq) {
        public boolean recovered() {
            return report.recovered();
        }
    }

    private final ReactiveRedisDataSource redis;
    private final FanOut fanOut;
    private final GatewayMetrics metrics;
    private final GatewayConfig config;
    private final AtomicBoolean failing = new AtomicBoolean();

    Recovery(ReactiveRedisDataSource redis, FanOut fanOut, GatewayMetrics metrics, GatewayConfig config) {
        this.redis = redis;
        this.fanOut = fanOut;
        this.metrics = metrics;
        this.config = config;
    }

    /** Recovers each symbol from its position; the map keeps the order of {@code positions}. */
    public Uni<Map<String, Result>> recover(Map<String, Long> positions, Mode mode) {
        int max = config.recovery().maxReplayTicks();
        List<String> toRead = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        positions.forEach((symbol, position) -> {
            if (RecoveryRule.plausible(position)) {
                String key = FeedRedisNames.historyKey(symbol);
                toRead.add(symbol);
                requests.add(Request.cmd(Command.XREVRANGE)
                        .arg(key)
                        .arg("+")
                        .arg("-")
                        .arg("COUNT")
                        .arg(1));
                requests.add(Request.cmd(Command.XRANGE)
                        .arg(key)
                        .arg(StreamId.of(position).toString())
                        .arg("+")
                        .arg("COUNT")
                        .arg(max + 2));
            }
        });
        Uni<List<Response>> read = requests.isEmpty()
                ? Uni.createFrom().item(List.of())
                : redis.getRedis()
                        .batch(requests)
                        .ifNoItem()
                        .after(config.recovery().readTimeout())
                        .fail();
        return read.map(responses -> {
                    if (failing.compareAndSet(true, false)) {
                        LOG.info("history reads for recovery work again");
                    }
                    Map<String, Result> out = new LinkedHashMap<>();
                    positions.forEach((symbol, position) -> {
                        int i = toRead.indexOf(symbol);
                        out.put(
                                symbol,
                                i < 0
                                        ? decide(symbol, position, null, List.of(), mode, max)
                                        : decide(
                                                symbol,
                                                position,
                                                HistoryEntries.parse(responses.get(2 * i)),
                                                HistoryEntries.parse(responses.get(2 * i + 1)),
                                                mode,
                                                max));
                    });
                    return out;
                })
                .onFailure()
                .recoverWithItem(e -> {
                    if (failing.compareAndSet(false, true)) {
                        LOG.warnf(
                                "reading tick history for recovery failed (%s): clients get NO_HISTORY and the snapshot "
                                        + "until Redis answers; logged once",
                                e.toString());
                    }
                    Map<String, Result> out = new LinkedHashMap<>();
                    positions.forEach((symbol, position) -> out.put(
                            symbol,
                            count(
                                    symbol,
                                    RecoveryRule.plausible(position)
                                            ? new RecoveryRule.Failed(
                                                    GatewayRecoveryReasons.NO_HISTORY,
                                                    "tick history unavailable (Redis did not answer)")
                                            : RecoveryRule.decide(position, null, List.of(), max),
                                    List.of(),
                                    position,
                                    mode)));
                    return out;
                });
    }

    private Result decide(
            String symbol,
            long position,
            List<HistoryEntries.Entry> newest,
            List<HistoryEntries.Entry> fromPosition,
            Mode mode,
            int max) {
        StreamId last =
                newest == null || newest.isEmpty() ? null : newest.get(0).id();
        RecoveryRule.Outcome outcome = RecoveryRule.decide(
                position,
                last,
                fromPosition.stream().map(HistoryEntries.Entry::id).toList(),
                max);
        return count(symbol, outcome, fromPosition, position, mode);
    }

    private Result count(
            String symbol,
            RecoveryRule.Outcome outcome,
            List<HistoryEntries.Entry> fromPosition,
            long position,
            Mode mode) {
        if (outcome instanceof RecoveryRule.Failed f) {
            metrics.recoveryFailed(f.reason());
            return new Result(GatewayMessages.Recovery.failed(symbol, f.reason(), f.message()), List.of(), 0);
        }
        int replay = ((RecoveryRule.Recovered) outcome).replay();
        List<String> ticks = new ArrayList<>(replay);
        for (HistoryEntries.Entry e : fromPosition.subList(1, 1 + replay)) {
            var frame = fanOut.format().quote(e.json());
            if (frame.isEmpty()) {
                // An entry we cannot render would be a gap: not recovered rather than a silent hole.
                metrics.recoveryFailed(GatewayRecoveryReasons.NO_HISTORY);
                return new Result(
                        GatewayMessages.Recovery.failed(
                                symbol,
                                GatewayRecoveryReasons.NO_HISTORY,
                                "history entry " + e.id() + " is unreadable"),
                        List.of(),
                        0);
            }
            ticks.add(frame.get().json(mode));
        }
        metrics.recovered(replay);
        long lastSeq = replay == 0 ? position : fromPosition.get(replay).id().seq();
        return new Result(GatewayMessages.Recovery.replayed(symbol, replay), messages(ticks), lastSeq);
    }

    /** The replay as messages of at most {@code gateway.ws.max-batch} ticks each, always the batch form. */
    private List<String> messages(List<String> ticks) {
        int maxBatch = Math.max(1, config.ws().maxBatch());
        List<String> out = new ArrayList<>();
        for (int from = 0; from < ticks.size(); from += maxBatch) {
            out.add("{\"type\":\"ticks\",\"recovered\":true,\"ticks\":["
                    + String.join(",", ticks.subList(from, Math.min(ticks.size(), from + maxBatch))) + "]}");
        }
        return out;
    }
}
