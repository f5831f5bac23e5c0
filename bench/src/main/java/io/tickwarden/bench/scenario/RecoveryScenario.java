package io.tickwarden.bench.scenario;

import io.tickwarden.bench.BenchArgs;
import io.tickwarden.bench.client.ClientStats;
import io.tickwarden.bench.client.GatewayProtocol;
import io.tickwarden.bench.client.LoadClients;
import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.client.SymbolUniverse;
import io.tickwarden.bench.report.Charts;
import io.tickwarden.bench.report.Json;
import io.tickwarden.bench.report.Machine;
import io.tickwarden.bench.report.MarkdownTable;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.ClusterConfig;
import io.tickwarden.bench.system.Waits;
import io.tickwarden.testing.QuarkusAppProcess;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * (b) Recovery, each fault {@code --reps} times (20): drop, silence, expired token then login, leader handover
 * (SIGTERM of the feed leader), Redis restart (SIGKILL and start, data kept). For every client the gap is the
 * longest silence between two tick messages around the fault, i.e. the outage it saw plus the normal spacing of
 * ticks (1 / rate). Also the feed targets: drop -> first tick, stall -> detection (FEED_STALE_AFTER=2s), login ->
 * first tick.
 */
public final class RecoveryScenario {

    public static final List<String> KINDS =
            List.of("drop", "silence", "expired_login", "leader_handover", "redis_restart");

    /** One repetition of one fault. */
    public record Rep(
            String kind,
            int rep,
            boolean recovered,
            double gapP50Ms,
            double gapMaxMs,
            double firstTickMs,
            double detectionMs,
            double[] clientGapsMs) {}

    public record Summary(
            String kind,
            int reps,
            int recovered,
            long samples,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double maxMs,
            double firstTickP50Ms,
            double firstTickMaxMs,
            double detectionP50Ms,
            double detectionMaxMs) {}

    private final BenchArgs args;
    private final Path out;
    private final long silenceMs;

    public RecoveryScenario(BenchArgs args) {
        this.args = args;
        this.out = io.tickwarden.bench.report.ResultDirs.of(args, "recovery").out();
        this.silenceMs = args.duration("silence", Duration.ofSeconds(4)).toMillis();
    }

    public Map<String, Object> run() throws Exception {
        int reps = args.integer("reps", 20);
        List<String> kinds =
                List.of(args.string("kinds", String.join(",", KINDS)).split(","));
        int nClients = args.integer("clients", 50);
        int symbols = args.integer("symbols", 20);
        int instruments = args.integer("instruments", 1000);
        double rate = args.decimal("rate", 2);
        Files.createDirectories(out);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "recovery");
        result.put("started_at", Instant.now().toString());
        result.put("machine", Machine.describe());
        result.put(
                "parameters",
                Map.of(
                        "reps",
                        reps,
                        "kinds",
                        kinds,
                        "clients",
                        nClients,
                        "symbols",
                        symbols,
                        "instruments",
                        instruments,
                        "ticks_per_second",
                        rate,
                        "feed_stale_after",
                        "2s",
                        "silence_ms",
                        silenceMs));
        List<Rep> all = new ArrayList<>();
        ClusterConfig config = new ClusterConfig(
                out,
                rate,
                List.of(),
                "quote",
                null,
                2,
                io.tickwarden.bench.system.ExtraEnv.merge(
                        Map.of("feed-service", Map.of("FEED_STALE_AFTER", "2s")), args.string("env", "")),
                args.string("broker", "kite"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try (Cluster cluster = new Cluster(config)) {
            SymbolUniverse universe = cluster.startLoggedIn(instruments);
            FanoutScenario.awaitUpstream(cluster, universe.symbols().size());
            try (LoadClients clients = new LoadClients(
                    vertx,
                    "127.0.0.1",
                    cluster.gatewayPort(),
                    new GatewayProtocol(Cluster.GATEWAY_KEY, "quote"),
                    universe.forClients(nClients, symbols),
                    new ReceiptRecorder(),
                    true)) {
                clients.connectAll(50, Duration.ofSeconds(60));
                for (String kind : kinds) {
                    for (int rep = 1; rep <= reps; rep++) {
                        steady(cluster, clients);
                        Rep r = once(kind, rep, cluster, clients);
                        all.add(r);
                        FanoutScenario.log(String.format(
                                "%s #%d: recovered=%s gap p50 %.0f ms max %.0f ms, first tick"
                                        + " %.0f ms, detection %.0f ms",
                                kind,
                                rep,
                                r.recovered(),
                                r.gapP50Ms(),
                                r.gapMaxMs(),
                                r.firstTickMs(),
                                r.detectionMs()));
                    }
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        List<Summary> summaries = kinds.stream().map(k -> summarise(k, all)).toList();
        result.put("summary", summaries);
        result.put("reps", all);
        result.put("finished_at", Instant.now().toString());
        String stamp = Instant.now().toString().replace(":", "").replace(".", "");
        Json.write(out.resolve("recovery-" + stamp + ".json"), result);
        Files.writeString(out.resolve("recovery-" + stamp + ".md"), markdown(summaries));
        chart(all, kinds, args.path("img", out.resolve("img")), reps, nClients);
        FanoutScenario.log("results in " + out);
        return result;
    }

    /** Every client has had a tick within the last 1.5 s (and every feed replica runs): a clean starting point. */
    private void steady(Cluster cluster, LoadClients clients) {
        for (QuarkusAppProcess feed : cluster.feeds()) {
            if (!feed.isRunning()) {
                feed.start(Duration.ofSeconds(120));
            }
        }
        Waits.until(Duration.ofSeconds(60), 200, () -> {
            long now = System.nanoTime();
            return clients.stats().stream().allMatch(s -> now - s.lastTickNanos() < 1_500_000_000L);
        });
        Waits.sleep(1000);
    }

    private Rep once(String kind, int rep, Cluster cluster, LoadClients clients) {
        long mark = System.nanoTime();
        clients.stats().forEach(s -> s.resetGap(mark));
        double detection = Double.NaN;
        long endpoint;
        switch (kind) {
            case "drop" -> {
                int hs = cluster.simStats().path("ws_handshakes_total").asInt();
                cluster.simFault("drop", 0);
                Waits.until(
                        Duration.ofSeconds(30),
                        20,
                        () -> cluster.simStats().path("ws_handshakes_total").asInt() > hs);
                endpoint = System.nanoTime();
            }
            case "silence" -> {
                Optional<QuarkusAppProcess> leader = cluster.leader();
                cluster.simFault("silence", silenceMs);
                if (leader.isPresent()) {
                    boolean stale = Waits.until(
                            Duration.ofMillis(silenceMs),
                            20,
                            () -> "STALE"
                                    .equals(cluster.feedState(leader.get())
                                            .path("state")
                                            .asText()));
                    detection = stale ? (System.nanoTime() - mark) / 1e6 : Double.NaN;
                }
                long end = mark + silenceMs * 1_000_000L;
                Waits.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000L));
                endpoint = end;
            }
            case "expired_login" -> {
                cluster.expireTokens();
                cluster.simFault("drop", 0);
                Waits.until(Duration.ofSeconds(20), 100, () -> !cluster.authValid());
                endpoint = System.nanoTime();
                cluster.login();
            }
            case "leader_handover" -> {
                Optional<QuarkusAppProcess> leader = cluster.leader();
                leader.ifPresent(QuarkusAppProcess::stop);
                Waits.until(Duration.ofSeconds(30), 20, () -> cluster.leader().isPresent());
                endpoint = System.nanoTime();
            }
            case "redis_restart" -> {
                cluster.redis().kill();
                cluster.redis().start();
                endpoint = System.nanoTime();
            }
            default -> throw new IllegalArgumentException("unknown fault kind " + kind);
        }
        long resume = endpoint;
        clients.stats().forEach(s -> s.markResume(resume));
        boolean recovered = Waits.until(
                Duration.ofSeconds(90), 50, () -> clients.stats().stream().allMatch(s -> s.lastTickNanos() > resume));
        Waits.sleep(1000);
        double[] gaps = clients.stats().stream()
                .mapToDouble(s -> s.maxGapNanos() / 1e6)
                .sorted()
                .toArray();
        double firstTick =
                clients.stats().stream().mapToLong(ClientStats::firstTickAfterMark).filter(t -> t > 0).min().stream()
                        .mapToDouble(t -> (t - ("expired_login".equals(kind) ? resume : mark)) / 1e6)
                        .findFirst()
                        .orElse(Double.NaN);
        if ("leader_handover".equals(kind)) {
            cluster.feeds().stream().filter(f -> !f.isRunning()).forEach(f -> f.start(Duration.ofSeconds(120)));
        }
        return new Rep(
                kind,
                rep,
                recovered,
                gaps.length == 0 ? Double.NaN : gaps[gaps.length / 2],
                gaps.length == 0 ? Double.NaN : gaps[gaps.length - 1],
                firstTick,
                detection,
                gaps);
    }

    static void chart(List<Rep> all, List<String> kinds, Path img, int reps, int nClients) {
        Map<String, List<Double>> box = new LinkedHashMap<>();
        for (String k : kinds) {
            List<Double> v = new ArrayList<>();
            all.stream()
                    .filter(r -> r.kind().equals(k))
                    .forEach(r -> Arrays.stream(r.clientGapsMs()).forEach(g -> v.add(g / 1000.0)));
            box.put(k, v);
        }
        Charts.boxes(
                img.resolve("recovery-gaps.png"),
                "Gap until ticks resume at the client, by fault (" + reps + " reps x " + nClients + " clients)",
                "gap (s)",
                box);
    }

    /** Re-renders the chart of a saved result ({@code charts --recovery file.json --img dir}). */
    public static void chartsFromJson(Path json, Path img) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode root = io.tickwarden.bench.system.Http.JSON.readTree(json.toFile());
        List<Rep> all = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode r : root.path("reps")) {
            all.add(io.tickwarden.bench.system.Http.JSON.treeToValue(r, Rep.class));
        }
        List<String> kinds = all.stream().map(Rep::kind).distinct().toList();
        chart(
                all,
                kinds,
                img,
                root.path("parameters").path("reps").asInt(),
                root.path("parameters").path("clients").asInt());
    }

    static Summary summarise(String kind, List<Rep> all) {
        List<Rep> reps = all.stream().filter(r -> r.kind().equals(kind)).toList();
        double[] gaps = reps.stream()
                .flatMapToDouble(r -> Arrays.stream(r.clientGapsMs()))
                .sorted()
                .toArray();
        double[] first = reps.stream()
                .mapToDouble(Rep::firstTickMs)
                .filter(d -> !Double.isNaN(d))
                .sorted()
                .toArray();
        double[] det = reps.stream()
                .mapToDouble(Rep::detectionMs)
                .filter(d -> !Double.isNaN(d))
                .sorted()
                .toArray();
        return new Summary(
                kind,
                reps.size(),
                (int) reps.stream().filter(Rep::recovered).count(),
                gaps.length,
                pct(gaps, 50),
                pct(gaps, 90),
                pct(gaps, 99),
                pct(gaps, 100),
                pct(first, 50),
                pct(first, 100),
                pct(det, 50),
                pct(det, 100));
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String markdown(List<Summary> s) {
        MarkdownTable t = new MarkdownTable(
                "fault",
                "reps",
                "recovered",
                "client gaps",
                "gap p50 ms",
                "gap p90 ms",
                "gap p99 ms",
                "gap max ms",
                "first tick p50 ms",
                "first tick max ms",
                "detection p50 ms",
                "detection max ms");
        s.forEach(r -> t.row(
                r.kind(),
                r.reps(),
                r.recovered(),
                r.samples(),
                r.p50Ms(),
                r.p90Ms(),
                r.p99Ms(),
                r.maxMs(),
                r.firstTickP50Ms(),
                r.firstTickMaxMs(),
                r.detectionP50Ms(),
                r.detectionMaxMs()));
        return "## Recovery\n\n" + t.render();
    }
}
