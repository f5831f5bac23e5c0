package io.tickwarden.bench.scenario;

import io.tickwarden.bench.BenchArgs;
import io.tickwarden.bench.client.GatewayProtocol;
import io.tickwarden.bench.client.NatsProtocol;
import io.tickwarden.bench.client.SymbolUniverse;
import io.tickwarden.bench.latency.Percentiles;
import io.tickwarden.bench.nats.BridgeProcess;
import io.tickwarden.bench.nats.NatsServer;
import io.tickwarden.bench.proc.ProcSampler;
import io.tickwarden.bench.report.Json;
import io.tickwarden.bench.report.Machine;
import io.tickwarden.bench.report.ResultDirs;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.ClusterConfig;
import io.tickwarden.bench.system.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (a) Fan-out: kite-sim at {@code --instruments} x {@code --rate} ticks/s, all held upstream by the feed (its
 * watchlist), N gateway clients x {@code --symbols} each, for every N of {@code --clients} (a sweep), and in the
 * same run the same N subscribers on NATS over WebSocket fed the same ticks from Redis by a bridge ({@code --peer}).
 * The two peers alternate {@code --reps} times per N (gateway, NATS, gateway, NATS, ...) against the same running
 * system, so a slow minute of the shared machine hits both; a phase whose feed side shows the box saturated is
 * kept in the results but not compared ({@link FanoutSaturation}). Latency is kite-sim's send (its send log) to the
 * client's receipt, and the hop is the bench's own receipt at Redis to the client's receipt, all on CLOCK_MONOTONIC
 * of this host. Also (with {@code --idle N}) memory per idle connection, {@code --idle-reps} times.
 */
public final class FanoutScenario {

    /**
     * One measured phase (one rep of one peer at one client count). The flat latency fields are end to end;
     * {@code upstream*} is kite-sim -> Redis; {@code hop} is Redis -> client; {@code saturated} is null or why the
     * phase is not compared.
     */
    public record Row(
            String system,
            int clients,
            int rep,
            int symbolsPerClient,
            double seconds,
            long deliveries,
            double deliveriesPerSecond,
            double expectedPerSecond,
            long latencySamples,
            long unmatched,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double p999Ms,
            double maxMs,
            int openAtEnd,
            int connectFailures,
            Map<String, Long> closeCodes,
            List<ProcSampler.Usage> usage,
            double upstreamP50Ms,
            double upstreamP99Ms,
            long upstreamTicks,
            Map<String, Double> counters,
            Percentiles hop,
            String loadAtStart,
            String loadAtEnd,
            double leaseChanges,
            String saturated) {}

    /** {@code heapKbPerConnection} is the live-heap delta after a full GC (JVMs only, else NaN). */
    public record IdleMemory(
            String system,
            int rep,
            int connections,
            double rssBeforeMb,
            double rssAfterMb,
            double kbPerConnection,
            double heapKbPerConnection) {}

    private final BenchArgs args;
    private final Path out;
    private final Path work;

    public FanoutScenario(BenchArgs args) {
        this.args = args;
        ResultDirs dirs = ResultDirs.of(args, "fanout");
        this.out = dirs.out();
        this.work = dirs.work();
    }

    public Map<String, Object> run() throws Exception {
        List<Integer> sweep = args.integers("clients", List.of(1000));
        int symbols = args.integer("symbols", 50);
        int instruments = args.integer("instruments", 3000);
        double rate = args.decimal("rate", 2);
        // 30 s (not 60) so that the default sweep, 4 points x 3 reps x 2 peers, fits in about half an hour.
        Duration duration = args.duration("duration", Duration.ofSeconds(30));
        Duration warmup = args.duration("warmup", Duration.ofSeconds(10));
        int reps = Math.max(1, args.integer("reps", 3));
        double saturatedMs = args.decimal("saturated-ms", FanoutSaturation.DEFAULT_UPSTREAM_P99_MS);
        int idle = args.integer("idle", 0);
        int idleReps = Math.max(1, args.integer("idle-reps", 3));
        String mode = args.string("mode", "quote");
        boolean peer = !"none".equals(args.string("peer", "nats")) && NatsServer.binary() != null;
        Files.createDirectories(out);
        Files.createDirectories(work);
        Path sends = work.resolve("sends-" + System.currentTimeMillis() + ".bin");
        long started = System.nanoTime();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "fanout");
        result.put("started_at", Instant.now().toString());
        result.put("machine", Machine.describe());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("clients", sweep);
        parameters.put("symbols_per_client", symbols);
        parameters.put("instruments", instruments);
        parameters.put("ticks_per_second", rate);
        parameters.put("duration_s", duration.toSeconds());
        parameters.put("warmup_s", warmup.toSeconds());
        parameters.put("reps", reps);
        parameters.put("saturated_ms", saturatedMs);
        parameters.put("min_delivered", FanoutSaturation.MIN_DELIVERED);
        parameters.put("idle", idle);
        parameters.put("idle_reps", idleReps);
        parameters.put("mode", mode);
        parameters.put("peer", peer ? "nats-server " + NatsServer.version() : "none");
        parameters.put("env", args.string("env", ""));
        result.put("parameters", parameters);
        List<Row> rows = new ArrayList<>();
        List<IdleMemory> idleRows = new ArrayList<>();

        ClusterConfig config = new ClusterConfig(
                work,
                rate,
                List.of(),
                mode,
                sends,
                2,
                io.tickwarden.bench.system.ExtraEnv.merge(Map.of(), args.string("env", "")),
                args.string("broker", "kite"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try (Cluster cluster = new Cluster(config)) {
            log("starting Redis, kite-sim and the services with " + instruments + " instruments; results in " + out
                    + ", logs in " + work);
            SymbolUniverse universe = cluster.startLoggedIn(instruments);
            awaitUpstream(cluster, universe.symbols().size());

            NatsServer nats = peer ? new NatsServer(work.resolve("nats")) : null;
            if (nats != null) {
                nats.start();
            }
            try {
                for (int rep = 1; idle > 0 && rep <= idleReps; rep++) {
                    idleRows.add(IdleMemoryProbe.measure(
                            "gateway",
                            rep,
                            vertx,
                            "127.0.0.1",
                            cluster.gatewayPort(),
                            new GatewayProtocol(Cluster.GATEWAY_KEY, mode),
                            cluster.service("gateway")::pid,
                            idle));
                    if (nats != null) {
                        idleRows.add(IdleMemoryProbe.measure(
                                "nats",
                                rep,
                                vertx,
                                "127.0.0.1",
                                nats.wsPort(),
                                new NatsProtocol(universe.tokens()),
                                nats::pid,
                                idle));
                    }
                }
                FanoutPhase phase =
                        new FanoutPhase(cluster, vertx, sends, duration, warmup, rate, saturatedMs, universe.tokens());
                for (int n : sweep) {
                    List<List<String>> subs = universe.forClients(n, symbols);
                    for (int rep = 1; rep <= reps; rep++) {
                        rows.add(phase.run(
                                "gateway",
                                rep,
                                cluster.gatewayPort(),
                                new GatewayProtocol(Cluster.GATEWAY_KEY, mode),
                                subs,
                                Map.of("gateway", cluster.service("gateway")::pid)));
                        if (nats != null) {
                            try (BridgeProcess bridge = new BridgeProcess(
                                    cluster.redis().port(), nats.clientPort(), work.resolve("nats/bridge.log"))) {
                                rows.add(phase.run(
                                        "nats",
                                        rep,
                                        nats.wsPort(),
                                        new NatsProtocol(universe.tokens()),
                                        subs,
                                        Map.of("nats-server", nats::pid, "bridge", bridge::pid)));
                            }
                        }
                    }
                }
            } finally {
                if (nats != null) {
                    nats.close();
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            Files.deleteIfExists(sends);
        }
        double runSeconds = (System.nanoTime() - started) / 1e9;
        List<FanoutSummary.Point> points = FanoutSummary.points(rows);
        List<FanoutSummary.Verdict> verdicts = FanoutSummary.verdicts(points);
        List<FanoutSummary.IdleSummary> idleSummary = FanoutSummary.idle(idleRows);
        result.put("finished_at", Instant.now().toString());
        result.put("run_seconds", runSeconds);
        result.put("summary", points);
        result.put("verdicts", verdicts);
        result.put("rows", rows);
        result.put("idle_summary", idleSummary);
        result.put("idle_memory", idleRows);
        String stamp = Instant.now().toString().replace(":", "").replace(".", "");
        Json.write(out.resolve("fanout-" + stamp + ".json"), result);
        Files.writeString(
                out.resolve("fanout-" + stamp + ".md"),
                FanoutReport.markdown(result, rows, points, verdicts, idleRows, idleSummary));
        FanoutCharts.render(points, args.path("img", out.resolve("img")), symbols);
        log("results in " + out + " (run time " + Math.round(runSeconds / 60) + " min)");
        return result;
    }

    /** The feed holds the whole watchlist upstream and ticks flow through it (kite-sim counts the tokens). */
    static void awaitUpstream(Cluster cluster, int instruments) {
        boolean ok = Waits.until(Duration.ofSeconds(120), 500, () -> {
            var stats = cluster.simStats();
            return stats.path("ws_connections_open").asInt() == 1
                    && stats.path("subscribed_tokens").asInt() >= instruments
                    && cluster.leader().isPresent();
        });
        log("upstream " + (ok ? "ready" : "NOT fully ready") + ": "
                + cluster.simStats().path("subscribed_tokens") + " tokens subscribed at kite-sim");
    }

    static void log(String s) {
        System.out.println("[" + Instant.now() + "] " + s);
    }
}
