package io.tickwarden.bench.scenario;

import io.tickwarden.bench.BenchArgs;
import io.tickwarden.bench.client.SymbolUniverse;
import io.tickwarden.bench.proc.Metrics;
import io.tickwarden.bench.proc.ProcSampler;
import io.tickwarden.bench.report.Json;
import io.tickwarden.bench.report.Machine;
import io.tickwarden.bench.report.MarkdownTable;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.ClusterConfig;
import io.tickwarden.bench.system.ExtraEnv;
import io.tickwarden.bench.system.Waits;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.testing.QuarkusAppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (d) The cost of the tick history (recovery by position): the same load, {@code --instruments} x {@code --rate}
 * ticks/s (6,000/s by default), with the feed's history off and on, alternated {@code --reps} times, each on a fresh
 * system. Measured: CPU of Redis and of the feed leader, Redis memory, and per history entry the memory Redis
 * reports, from which the steady-state memory of a full history ({@code FEED_HISTORY_MAX_TICKS} per instrument)
 * follows. No clients: the history is written by the feed whether or not anyone recovers.
 */
public final class HistoryCostScenario {

    /** One measured phase. */
    public record Row(
            int rep,
            boolean history,
            double seconds,
            double ticksPerSecond,
            double redisCpuAvg,
            double redisCpuMax,
            double feedCpuAvg,
            double feedCpuMax,
            double redisUsedMbStart,
            double redisUsedMbEnd,
            long historyKeysSampled,
            double entriesPerKeyAvg,
            double bytesPerEntry,
            double fullHistoryMbEstimate) {}

    private static final int SAMPLE_KEYS = 50;

    private final BenchArgs args;
    private final Path out;

    public HistoryCostScenario(BenchArgs args) {
        this.args = args;
        this.out = io.tickwarden.bench.report.ResultDirs.of(args, "history").out();
    }

    public Map<String, Object> run() throws Exception {
        int instruments = args.integer("instruments", 3000);
        double rate = args.decimal("rate", 2);
        int reps = args.integer("reps", 2);
        int maxTicks = args.integer("max-ticks", 300);
        Duration duration = args.duration("duration", Duration.ofSeconds(60));
        Duration warmup = args.duration("warmup", Duration.ofSeconds(15));
        Files.createDirectories(out);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "history");
        result.put("started_at", Instant.now().toString());
        result.put("machine", Machine.describe());
        result.put(
                "parameters",
                Map.of(
                        "instruments",
                        instruments,
                        "ticks_per_second_per_instrument",
                        rate,
                        "reps",
                        reps,
                        "max_ticks",
                        maxTicks,
                        "duration_s",
                        duration.toSeconds(),
                        "warmup_s",
                        warmup.toSeconds(),
                        "redis",
                        "the harness' redis-server: appendonly yes, appendfsync always"));
        List<Row> rows = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            for (boolean history : new boolean[] {false, true}) {
                rows.add(phase(rep, history, instruments, rate, maxTicks, duration, warmup));
            }
        }
        result.put("rows", rows);
        result.put("finished_at", Instant.now().toString());
        String stamp = Instant.now().toString().replace(":", "").replace(".", "");
        Json.write(out.resolve("history-" + stamp + ".json"), result);
        Files.writeString(out.resolve("history-" + stamp + ".md"), markdown(rows, instruments, rate, maxTicks));
        log("results in " + out);
        return result;
    }

    private Row phase(
            int rep, boolean history, int instruments, double rate, int maxTicks, Duration duration, Duration warmup) {
        String env =
                "feed-service:FEED_HISTORY_ENABLED=" + history + ",feed-service:FEED_HISTORY_MAX_TICKS=" + maxTicks;
        ClusterConfig config = new ClusterConfig(
                out, rate, List.of(), "quote", null, 1, ExtraEnv.merge(Map.of(), env), args.string("broker", "kite"));
        try (Cluster cluster = new Cluster(config)) {
            log("rep " + rep + ", history " + (history ? "on" : "off") + ": starting with " + instruments
                    + " instruments at " + rate + " ticks/s");
            SymbolUniverse universe = cluster.startLoggedIn(instruments);
            FanoutScenario.awaitUpstream(cluster, universe.symbols().size());
            Waits.sleep(warmup);
            QuarkusAppProcess leader = cluster.leader().orElse(cluster.service("feed-service"));
            ProcSampler sampler =
                    new ProcSampler(1000).track("redis", cluster.redis()::pid).track("feed (leader)", leader::pid);
            List<String> counters = List.of("feed_ticks_total");
            Map<String, Double> before = Metrics.scrape(cluster.http(), leader.baseUrl(), counters);
            double usedStart = usedMemoryMb(cluster);
            long t0 = System.nanoTime();
            sampler.start();
            Waits.sleep(duration);
            List<ProcSampler.Usage> usage = sampler.stop();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double ticks =
                    Metrics.delta(before, Metrics.scrape(cluster.http(), leader.baseUrl(), counters)).values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum();
            double usedEnd = usedMemoryMb(cluster);
            long keys = 0;
            long entries = 0;
            long bytes = 0;
            if (history) {
                for (String symbol : universe.symbols()
                        .subList(0, Math.min(SAMPLE_KEYS, universe.symbols().size()))) {
                    String key = FeedRedisNames.historyKey(symbol);
                    long len = parseLong(cluster.redis().command("XLEN", key));
                    if (len > 0) {
                        keys++;
                        entries += len;
                        bytes += parseLong(cluster.redis().command("MEMORY", "USAGE", key, "SAMPLES", "0"));
                    }
                }
            }
            double perEntry = entries == 0 ? Double.NaN : (double) bytes / entries;
            ProcSampler.Usage redis = usage.stream()
                    .filter(u -> u.name().equals("redis"))
                    .findFirst()
                    .orElseThrow();
            ProcSampler.Usage feed = usage.stream()
                    .filter(u -> u.name().startsWith("feed"))
                    .findFirst()
                    .orElseThrow();
            Row row = new Row(
                    rep,
                    history,
                    seconds,
                    ticks / seconds,
                    redis.cpuPercentAvg(),
                    redis.cpuPercentMax(),
                    feed.cpuPercentAvg(),
                    feed.cpuPercentMax(),
                    usedStart,
                    usedEnd,
                    keys,
                    keys == 0 ? 0 : (double) entries / keys,
                    perEntry,
                    Double.isNaN(perEntry) ? Double.NaN : perEntry * maxTicks * instruments / 1e6);
            log(String.format(
                    "rep %d history %s: %.0f ticks/s, redis CPU %.1f %%, feed CPU %.1f %%, redis used %.1f"
                            + " -> %.1f MB, %.0f bytes/entry",
                    rep,
                    history ? "on" : "off",
                    row.ticksPerSecond(),
                    row.redisCpuAvg(),
                    row.feedCpuAvg(),
                    usedStart,
                    usedEnd,
                    perEntry));
            return row;
        }
    }

    private static double usedMemoryMb(Cluster cluster) {
        String info = cluster.redis().command("INFO", "memory");
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim()) / 1e6;
            }
        }
        return Double.NaN;
    }

    private static long parseLong(String s) {
        try {
            // The harness' Redis client returns integer replies as RESP text (":300").
            String t = s == null ? "" : s.trim();
            return t.isEmpty() ? 0 : Long.parseLong(t.startsWith(":") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String markdown(List<Row> rows, int instruments, double rate, int maxTicks) {
        MarkdownTable t = new MarkdownTable(
                "rep",
                "history",
                "ticks/s",
                "Redis CPU % avg (max)",
                "feed CPU % avg (max)",
                "Redis used MB start -> end",
                "bytes/entry",
                "full history MB (est.)");
        for (Row r : rows) {
            t.row(
                    r.rep(),
                    r.history() ? "on" : "off",
                    Math.round(r.ticksPerSecond()),
                    String.format("%.1f (%.0f)", r.redisCpuAvg(), r.redisCpuMax()),
                    String.format("%.1f (%.0f)", r.feedCpuAvg(), r.feedCpuMax()),
                    String.format("%.1f -> %.1f", r.redisUsedMbStart(), r.redisUsedMbEnd()),
                    Double.isNaN(r.bytesPerEntry()) ? "-" : String.valueOf(Math.round(r.bytesPerEntry())),
                    Double.isNaN(r.fullHistoryMbEstimate()) ? "-" : String.format("%.0f", r.fullHistoryMbEstimate()));
        }
        return "## Cost of the tick history: " + instruments + " instruments x " + rate + " ticks/s, "
                + maxTicks + " ticks kept per instrument\n\n" + t.render()
                + "\n- full history MB (est.) = bytes per entry (Redis MEMORY USAGE of " + SAMPLE_KEYS
                + " sampled streams / their entries) x " + maxTicks + " x " + instruments + "\n";
    }

    private static void log(String line) {
        System.out.println("[" + Instant.now() + "] history: " + line);
    }
}
