package io.tickwarden.bench.scenario;

import io.tickwarden.bench.BenchArgs;
import io.tickwarden.bench.proc.ProcSampler;
import io.tickwarden.bench.pubsub.RawPublisher;
import io.tickwarden.bench.pubsub.RawSubscriber;
import io.tickwarden.bench.pubsub.Saturation;
import io.tickwarden.bench.pubsub.TickMessages;
import io.tickwarden.bench.pubsub.Window;
import io.tickwarden.bench.report.Json;
import io.tickwarden.bench.report.Machine;
import io.tickwarden.bench.system.RedisProcess;
import io.tickwarden.bench.system.Waits;
import io.tickwarden.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * (e) How far one Redis carries the tick stream: a real redis-server, a publisher sending {@code feed.ticks}
 * messages as the feed does (same JSON, 250 ticks a message, one burst per market step) at a target ticks/s, and
 * 1, 4, 8 raw subscriber connections standing in for gateway replicas. Per point: Redis CPU (/proc), the bench's own
 * CPU, publish-to-receive latency, messages delivered, Redis' bytes out, and whether Redis or the bench was the
 * bottleneck ({@link Saturation}). The rates of a subscriber count stop at its first saturated point. No services:
 * the feed's other Redis writes (history, quotes) come from the history-cost results ({@link PubSubReport}).
 */
public final class PubSubCapacityScenario {

    /** One measured point. CPU in % of one core; latency in ms. */
    public record Row(
            int subscribers,
            int targetTicksPerSecond,
            double publishedTicksPerSecond,
            double publishedMessagesPerSecond,
            double deliveredMessagesPerSecond,
            double deliveredTicksPerSecond,
            double deliveredRatio,
            int messageBytesAvg,
            double redisCpuAvg,
            double redisCpuMax,
            double benchCpuAvg,
            double redisOutMegabytesPerSecond,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double maxMs,
            long latencySamples,
            String load1Start,
            String load1End,
            String verdict,
            List<String> reasons) {}

    private final BenchArgs args;
    private final Path out;

    public PubSubCapacityScenario(BenchArgs args) {
        this.args = args;
        this.out = io.tickwarden.bench.report.ResultDirs.of(args, "pubsub").out();
    }

    public Map<String, Object> run() throws Exception {
        List<Integer> subscriberCounts = args.integers("subscribers", List.of(1, 4, 8));
        List<Integer> rates = args.integers("rates", List.of(2000, 6000, 12000, 24000, 48000, 96000, 192000));
        Duration duration = args.duration("duration", Duration.ofSeconds(20));
        Duration warmup = args.duration("warmup", Duration.ofSeconds(5));
        Duration step = args.duration("step", Duration.ofMillis(500));
        int maxTicks = args.integer("max-ticks-per-message", 250);
        String mode = args.string("mode", "quote");
        Files.createDirectories(out);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "pubsub");
        result.put("started_at", Instant.now().toString());
        result.put("machine", Machine.describe());
        result.put("load_at_start", loadavg());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("subscribers", subscriberCounts);
        params.put("target_ticks_per_second", rates);
        params.put("duration_s", duration.toSeconds());
        params.put("warmup_s", warmup.toSeconds());
        params.put("step_ms", step.toMillis());
        params.put("max_ticks_per_message", maxTicks);
        params.put("mode", mode);
        params.put("redis", "the harness' redis-server (appendonly yes, appendfsync always; PUBLISH writes no AOF)");
        result.put("parameters", params);
        List<Row> rows = new ArrayList<>();
        RedisProcess redis = new RedisProcess(FreePorts.next());
        redis.start();
        result.put("redis_version", info(redis, "server", "redis_version"));
        try {
            for (int subs : subscriberCounts) {
                for (int rate : rates) {
                    Row row = point(redis, subs, rate, duration, warmup, step, maxTicks, mode);
                    rows.add(row);
                    if (!row.verdict().equals(Saturation.Verdict.OK.name())) {
                        log(subs + " subscriber(s): saturated at " + rate + " ticks/s, higher rates skipped");
                        break;
                    }
                }
            }
        } finally {
            redis.close();
        }
        result.put("rows", rows);
        result.put("load_at_end", loadavg());
        result.put("finished_at", Instant.now().toString());
        Path historyCost = args.path("history-cost", Path.of("bench/results/history-cost"));
        PubSubReport report = new PubSubReport(rows, PubSubReport.HistoryCost.read(historyCost), step, maxTicks);
        result.put("model", report.model());
        String stamp = Instant.now().toString().replace(":", "").replace(".", "");
        Json.write(out.resolve("pubsub-" + stamp + ".json"), result);
        Files.writeString(out.resolve("pubsub-" + stamp + ".md"), report.markdown(result));
        log("results in " + out);
        return result;
    }

    private Row point(
            RedisProcess redis,
            int subs,
            int rate,
            Duration duration,
            Duration warmup,
            Duration step,
            int maxTicks,
            String mode)
            throws IOException {
        int ticksPerStep = (int) Math.round(rate * step.toNanos() / 1e9);
        List<TickMessages.Template> templates = TickMessages.step(ticksPerStep, maxTicks, mode);
        int bytesAvg = (int)
                templates.stream().mapToInt(t -> t.json().length).average().orElse(0);
        long base = System.nanoTime();
        Window window = new Window();
        List<RawSubscriber> subscribers = new ArrayList<>();
        String load1Start = loadavg().split(" ")[0];
        try {
            for (int i = 0; i < subs; i++) {
                subscribers.add(new RawSubscriber("127.0.0.1", redis.port(), base, window, "sub-" + i));
            }
            if (!Waits.until(
                    Duration.ofSeconds(30), 20, () -> subscribers.stream().allMatch(RawSubscriber::subscribed))) {
                throw new IllegalStateException("subscribers not subscribed within 30 s");
            }
            try (RawPublisher publisher =
                    new RawPublisher("127.0.0.1", redis.port(), templates, step, base, window, "publisher")) {
                Waits.sleep(warmup);
                ProcSampler sampler = new ProcSampler(1000)
                        .track("redis", redis::pid)
                        .track("bench", () -> ProcessHandle.current().pid());
                // A whole number of steps, so the window holds as many bursts wherever it starts.
                long steps = Math.max(1, Math.round((double) duration.toNanos() / step.toNanos()));
                long windowNanos = steps * step.toNanos();
                long netOut0 = Long.parseLong(info(redis, "stats", "total_net_output_bytes"));
                long t0 = System.nanoTime();
                window.open(t0 - base, t0 - base + windowNanos);
                sampler.start();
                Waits.sleep(Duration.ofNanos(windowNanos));
                List<ProcSampler.Usage> usage = sampler.stop();
                long netOut = Long.parseLong(info(redis, "stats", "total_net_output_bytes")) - netOut0;
                double seconds = windowNanos / 1e9;
                long pubMsg = publisher.messages();
                long pubTicks = publisher.ticks();
                // The window's last messages may still be in flight: give them time to arrive (or not).
                Waits.until(
                        Duration.ofSeconds(10),
                        50,
                        () -> sum(subscribers, RawSubscriber::messages) >= pubMsg * subscribers.size());
                long recvMsg = sum(subscribers, RawSubscriber::messages);
                long recvTicks = sum(subscribers, RawSubscriber::ticks);
                Histogram latency = new Histogram(3);
                subscribers.forEach(s -> latency.add(s.takeLatencies()));
                int disconnects = (int)
                        subscribers.stream().filter(s -> s.failure() != null).count();
                subscribers.stream()
                        .filter(s -> s.failure() != null)
                        .forEach(s -> log("subscriber failed: " + s.failure()));
                if (publisher.failure() != null) {
                    log("publisher failed: " + publisher.failure());
                }
                double redisCpu = cpu(usage, "redis", true);
                double benchCpu = cpu(usage, "bench", true);
                double deliveredRatio = pubMsg == 0 ? 0 : (double) recvMsg / (pubMsg * (double) subs);
                Saturation.Result verdict = Saturation.judge(new Saturation.Inputs(
                        Runtime.getRuntime().availableProcessors(),
                        redisCpu,
                        cpu(usage, "redis", false),
                        benchCpu,
                        rate,
                        pubTicks / seconds,
                        deliveredRatio,
                        disconnects + (publisher.failure() == null ? 0 : 1)));
                Row row = new Row(
                        subs,
                        rate,
                        pubTicks / seconds,
                        pubMsg / seconds,
                        recvMsg / seconds,
                        recvTicks / seconds,
                        deliveredRatio,
                        bytesAvg,
                        redisCpu,
                        cpu(usage, "redis", false),
                        benchCpu,
                        netOut / seconds / 1e6,
                        ms(latency, 50),
                        ms(latency, 90),
                        ms(latency, 99),
                        latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1e6,
                        latency.getTotalCount(),
                        load1Start,
                        loadavg().split(" ")[0],
                        verdict.verdict().name(),
                        verdict.reasons());
                log(String.format(
                        "%d sub(s) at %,d ticks/s: published %,.0f/s, delivered %.3f, Redis CPU %.1f %% (max %.0f),"
                                + " bench CPU %.1f %%, p50 %.2f ms, p99 %.2f ms, load %s -> %s: %s %s",
                        subs,
                        rate,
                        row.publishedTicksPerSecond(),
                        deliveredRatio,
                        redisCpu,
                        row.redisCpuMax(),
                        benchCpu,
                        row.p50Ms(),
                        row.p99Ms(),
                        load1Start,
                        row.load1End(),
                        row.verdict(),
                        row.reasons()));
                return row;
            }
        } finally {
            subscribers.forEach(RawSubscriber::close);
        }
    }

    private static double cpu(List<ProcSampler.Usage> usage, String name, boolean avg) {
        return usage.stream()
                .filter(u -> u.name().equals(name))
                .mapToDouble(u -> avg ? u.cpuPercentAvg() : u.cpuPercentMax())
                .findFirst()
                .orElse(Double.NaN);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }

    private static long sum(List<RawSubscriber> subs, java.util.function.ToLongFunction<RawSubscriber> f) {
        return subs.stream().mapToLong(f).sum();
    }

    /** One field of {@code INFO <section>}. */
    static String info(RedisProcess redis, String section, String field) {
        for (String line : redis.command("INFO", section).split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        throw new IllegalStateException("no " + field + " in INFO " + section);
    }

    /** The machine's load (/proc/loadavg: 1, 5, 15 minutes): other builds share these cores. */
    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void log(String line) {
        System.out.println("[" + Instant.now() + "] pubsub: " + line);
    }
}
