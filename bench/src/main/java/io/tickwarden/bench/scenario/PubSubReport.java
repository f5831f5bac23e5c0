package io.tickwarden.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.bench.pubsub.CostFit;
import io.tickwarden.bench.pubsub.Saturation;
import io.tickwarden.bench.report.MarkdownTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pub/sub capacity run as a model and as Markdown: Redis CPU per published and per delivered {@code feed.ticks}
 * message ({@link CostFit} over the points Redis, not the bench, limited), plus the feed's other writes per tick
 * from the history-cost run (the off phase: quotes, candles, lease, one subscriber; the on-minus-off difference:
 * the history XADD), projected to the ticks/s one Redis core carries for a number of gateways.
 */
final class PubSubReport {

    /** Redis' share of one core we size by: room left for reconnect storms (history reads) and failover catch-up. */
    static final double BUDGET_PERCENT = 50;

    static final List<Integer> GATEWAYS = List.of(1, 2, 4, 8, 16, 32, 64);

    /** Microseconds of Redis CPU per tick for the feed's writes besides pub/sub, from a history-cost result file. */
    record HistoryCost(String file, double microsOtherPerTick, double microsXaddPerTick) {

        static HistoryCost read(Path dirOrFile) {
            try {
                Path file = dirOrFile;
                if (Files.isDirectory(dirOrFile)) {
                    try (Stream<Path> files = Files.list(dirOrFile)) {
                        file = files.filter(p -> p.getFileName().toString().endsWith(".json"))
                                .sorted()
                                .reduce((a, b) -> b)
                                .orElse(null);
                    }
                }
                if (file == null || !Files.exists(file)) {
                    return new HistoryCost("none", Double.NaN, Double.NaN);
                }
                JsonNode rows = new ObjectMapper().readTree(file.toFile()).get("rows");
                double off = 0, on = 0, offRate = 0, onRate = 0;
                int offN = 0, onN = 0;
                for (JsonNode r : rows) {
                    if (r.get("history").asBoolean()) {
                        on += r.get("redisCpuAvg").asDouble();
                        onRate += r.get("ticksPerSecond").asDouble();
                        onN++;
                    } else {
                        off += r.get("redisCpuAvg").asDouble();
                        offRate += r.get("ticksPerSecond").asDouble();
                        offN++;
                    }
                }
                double other = off / offN * 1e4 / (offRate / offN);
                double all = on / onN * 1e4 / (onRate / onN);
                return new HistoryCost(file.toString(), other, all - other);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                return new HistoryCost("unreadable: " + dirOrFile, Double.NaN, Double.NaN);
            }
        }
    }

    private final List<PubSubCapacityScenario.Row> rows;
    private final HistoryCost history;
    private final int ticksPerMessage;
    private final CostFit.Fit fit;
    private final double messageBytes;

    PubSubReport(List<PubSubCapacityScenario.Row> rows, HistoryCost history, Duration step, int ticksPerMessage) {
        this.rows = rows;
        this.history = history;
        this.ticksPerMessage = ticksPerMessage;
        List<CostFit.Point> ok = new ArrayList<>();
        for (var r : rows) {
            if (r.verdict().equals(Saturation.Verdict.OK.name())) {
                ok.add(new CostFit.Point(
                        r.publishedMessagesPerSecond(), r.deliveredMessagesPerSecond(), r.redisCpuAvg()));
            }
        }
        this.fit = CostFit.fit(ok);
        this.messageBytes = rows.stream()
                .mapToInt(PubSubCapacityScenario.Row::messageBytesAvg)
                .average()
                .orElse(Double.NaN);
    }

    /** Redis CPU microseconds per tick for {@code gateways} subscribers, the feed's other writes and XADD included. */
    double microsPerTick(int gateways) {
        return history.microsOtherPerTick()
                + history.microsXaddPerTick()
                + (fit.microsPerPublish() + fit.microsPerDelivery() * gateways) / ticksPerMessage;
    }

    Map<String, Object> model() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fit_points", fit.points());
        m.put("redis_us_per_published_message", fit.microsPerPublish());
        m.put("redis_us_per_delivered_message", fit.microsPerDelivery());
        m.put("ticks_per_message", ticksPerMessage);
        m.put("message_bytes_avg", messageBytes);
        m.put("history_cost_file", history.file());
        m.put("redis_us_per_tick_other_feed_writes", history.microsOtherPerTick());
        m.put("redis_us_per_tick_history_xadd", history.microsXaddPerTick());
        m.put("budget_percent_of_one_core", BUDGET_PERCENT);
        List<Map<String, Object>> projection = new ArrayList<>();
        for (int g : GATEWAYS) {
            double perTick = microsPerTick(g);
            double atBudget = BUDGET_PERCENT * 1e4 / perTick;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("gateways", g);
            p.put("redis_us_per_tick", perTick);
            p.put("ticks_per_second_at_budget", atBudget);
            p.put("ticks_per_second_at_full_core", 100 * 1e4 / perTick);
            p.put("redis_out_megabytes_per_second_at_budget", atBudget / ticksPerMessage * messageBytes * g / 1e6);
            projection.add(p);
        }
        m.put("projection", projection);
        return m;
    }

    String markdown(Map<String, Object> result) {
        MarkdownTable t = new MarkdownTable(
                "subscribers",
                "target ticks/s",
                "published ticks/s",
                "msgs/s delivered",
                "delivered / expected",
                "bytes/msg",
                "Redis CPU % avg (max)",
                "bench CPU %",
                "Redis out MB/s",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "max ms",
                "load 1 min start -> end",
                "verdict");
        for (var r : rows) {
            t.row(
                    r.subscribers(),
                    r.targetTicksPerSecond(),
                    r.publishedTicksPerSecond(),
                    r.deliveredMessagesPerSecond(),
                    String.format("%.3f", r.deliveredRatio()),
                    r.messageBytesAvg(),
                    String.format("%.1f (%.0f)", r.redisCpuAvg(), r.redisCpuMax()),
                    r.benchCpuAvg(),
                    r.redisOutMegabytesPerSecond(),
                    r.p50Ms(),
                    r.p90Ms(),
                    r.p99Ms(),
                    r.maxMs(),
                    r.load1Start() + " -> " + r.load1End(),
                    r.verdict() + (r.reasons().isEmpty() ? "" : ": " + String.join("; ", r.reasons())));
        }
        MarkdownTable p = new MarkdownTable(
                "gateways (subscribers)",
                "Redis µs per tick",
                "ticks/s at " + (int) BUDGET_PERCENT + " % of a core",
                "instruments at 2 ticks/s",
                "Redis out MB/s then",
                "ticks/s at 100 %");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> projection = (List<Map<String, Object>>) model().get("projection");
        for (Map<String, Object> x : projection) {
            double atBudget = (double) x.get("ticks_per_second_at_budget");
            p.row(
                    x.get("gateways"),
                    x.get("redis_us_per_tick"),
                    atBudget,
                    atBudget / 2,
                    x.get("redis_out_megabytes_per_second_at_budget"),
                    x.get("ticks_per_second_at_full_core"));
        }
        return "## Redis pub/sub capacity for feed.ticks\n\n"
                + "Machine " + result.get("machine") + ", Redis " + result.get("redis_version") + ".\n"
                + "Load (/proc/loadavg) at start: " + result.get("load_at_start") + "; at end: "
                + result.get("load_at_end") + ". Parameters: " + result.get("parameters") + ".\n\n"
                + t.render()
                + "\n- CPU in % of one core, sampled every second from /proc; latency = publisher's stamp to the"
                + " subscriber having read the whole message, all subscribers' messages in the measured window.\n"
                + "- verdict: " + Saturation.Verdict.REDIS_BOUND + " at >= " + Saturation.REDIS_CORE_LIMIT
                + " % Redis CPU on average, or at its peak while the publisher, not CPU-bound, fell short; "
                + Saturation.Verdict.CLIENT_BOUND + " when the bench used >= "
                + Saturation.BENCH_SHARE_LIMIT + " of the CPU Redis leaves, published or delivered < "
                + Saturation.KEPT_UP + " of the target, or a connection failed. Only OK points enter the fit.\n\n"
                + "## Model\n\n"
                + String.format(
                        "Fit over %d OK points: %.1f µs of Redis CPU per published message, %.1f µs per delivered"
                                + " message (%d ticks, %.0f bytes on average). Feed writes besides pub/sub: %.2f µs"
                                + " per tick, history XADD %.2f µs per tick, from %s.%n%n",
                        fit.points(),
                        fit.microsPerPublish(),
                        fit.microsPerDelivery(),
                        ticksPerMessage,
                        messageBytes,
                        history.microsOtherPerTick(),
                        history.microsXaddPerTick(),
                        history.file())
                + p.render();
    }
}
