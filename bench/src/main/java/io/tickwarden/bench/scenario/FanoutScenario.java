package io.tickwarden.bench.scenario;

import io.tickwarden.bench.BenchArgs;
import io.tickwarden.bench.client.ClientStats;
import io.tickwarden.bench.client.GatewayProtocol;
import io.tickwarden.bench.client.LoadClients;
import io.tickwarden.bench.client.NatsProtocol;
import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.client.SymbolUniverse;
import io.tickwarden.bench.client.WireProtocol;
import io.tickwarden.bench.latency.LatencyJoin;
import io.tickwarden.bench.latency.RedisTap;
import io.tickwarden.bench.latency.SendLog;
import io.tickwarden.bench.nats.BridgeProcess;
import io.tickwarden.bench.nats.NatsServer;
import io.tickwarden.bench.proc.Metrics;
import io.tickwarden.bench.proc.ProcSampler;
import io.tickwarden.bench.report.Json;
import io.tickwarden.bench.report.Machine;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * (a) Fan-out: kite-sim at {@code --instruments} x {@code --rate} ticks/s, all held upstream by the feed (its
 * watchlist), N gateway clients x {@code --symbols} each, for every N of {@code --clients} (a sweep), and in the
 * same run the same N subscribers on NATS over WebSocket fed the same ticks from Redis by a bridge ({@code --peer}).
 * Latency is kite-sim's send (its send log) to the client's receipt, both on CLOCK_MONOTONIC of this host.
 * Also (with {@code --idle N}) memory per idle connection: RSS delta of the gateway (and of nats-server) with N
 * idle sockets, after a full GC.
 */
public final class FanoutScenario {

    /** One measured phase. */
    public record Row(
            String system,
            int clients,
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
            Map<String, Double> counters) {}

    /** {@code heapKbPerConnection} is the live-heap delta after a full GC (JVMs only, else NaN). */
    public record IdleMemory(
            String system,
            int connections,
            double rssBeforeMb,
            double rssAfterMb,
            double kbPerConnection,
            double heapKbPerConnection) {}

    private final BenchArgs args;
    private final Path out;
    private Map<String, Integer> universeTokens = Map.of();

    public FanoutScenario(BenchArgs args) {
        this.args = args;
        this.out = args.path("out", Path.of("bench/target/results")).toAbsolutePath();
    }

    public Map<String, Object> run() throws Exception {
        List<Integer> sweep = args.integers("clients", List.of(1000));
        int symbols = args.integer("symbols", 50);
        int instruments = args.integer("instruments", 3000);
        double rate = args.decimal("rate", 2);
        Duration duration = args.duration("duration", Duration.ofSeconds(60));
        Duration warmup = args.duration("warmup", Duration.ofSeconds(10));
        int idle = args.integer("idle", 0);
        String mode = args.string("mode", "quote");
        boolean peer = !"none".equals(args.string("peer", "nats")) && NatsServer.binary() != null;
        Files.createDirectories(out);
        Path sends = out.resolve("sends-" + System.currentTimeMillis() + ".bin");

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "fanout");
        result.put("started_at", Instant.now().toString());
        result.put("machine", Machine.describe());
        result.put(
                "parameters",
                Map.of(
                        "clients",
                        sweep,
                        "symbols_per_client",
                        symbols,
                        "instruments",
                        instruments,
                        "ticks_per_second",
                        rate,
                        "duration_s",
                        duration.toSeconds(),
                        "warmup_s",
                        warmup.toSeconds(),
                        "mode",
                        mode,
                        "peer",
                        peer ? "nats-server " + NatsServer.version() : "none",
                        "env",
                        args.string("env", "")));
        List<Row> rows = new ArrayList<>();
        List<IdleMemory> idleRows = new ArrayList<>();

        ClusterConfig config = new ClusterConfig(
                out,
                rate,
                List.of(),
                mode,
                sends,
                2,
                io.tickwarden.bench.system.ExtraEnv.merge(Map.of(), args.string("env", "")),
                args.string("broker", "kite"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try (Cluster cluster = new Cluster(config)) {
            log("starting Redis, kite-sim and the services with " + instruments + " instruments");
            SymbolUniverse universe = cluster.startLoggedIn(instruments);
            universeTokens = universe.tokens();
            awaitUpstream(cluster, universe.symbols().size());

            NatsServer nats = peer ? new NatsServer(out.resolve("nats")) : null;
            if (nats != null) {
                nats.start();
            }
            try {
                if (idle > 0) {
                    idleRows.add(IdleMemoryProbe.measure(
                            "gateway",
                            vertx,
                            "127.0.0.1",
                            cluster.gatewayPort(),
                            new GatewayProtocol(Cluster.GATEWAY_KEY, mode),
                            cluster.service("gateway")::pid,
                            idle));
                    if (nats != null) {
                        idleRows.add(IdleMemoryProbe.measure(
                                "nats",
                                vertx,
                                "127.0.0.1",
                                nats.wsPort(),
                                new NatsProtocol(universe.tokens()),
                                nats::pid,
                                idle));
                    }
                }
                for (int n : sweep) {
                    List<List<String>> subs = universe.forClients(n, symbols);
                    rows.add(phase(
                            "gateway",
                            cluster,
                            vertx,
                            cluster.gatewayPort(),
                            new GatewayProtocol(Cluster.GATEWAY_KEY, mode),
                            subs,
                            sends,
                            duration,
                            warmup,
                            rate,
                            Map.of("gateway", cluster.service("gateway")::pid)));
                    if (nats != null) {
                        try (BridgeProcess bridge = new BridgeProcess(
                                cluster.redis().port(), nats.clientPort(), out.resolve("nats/bridge.log"))) {
                            rows.add(phase(
                                    "nats",
                                    cluster,
                                    vertx,
                                    nats.wsPort(),
                                    new NatsProtocol(universe.tokens()),
                                    subs,
                                    sends,
                                    duration,
                                    warmup,
                                    rate,
                                    Map.of("nats-server", nats::pid, "bridge", bridge::pid)));
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
        result.put("rows", rows);
        result.put("idle_memory", idleRows);
        result.put("finished_at", Instant.now().toString());
        String stamp = Instant.now().toString().replace(":", "").replace(".", "");
        Json.write(out.resolve("fanout-" + stamp + ".json"), result);
        Files.writeString(out.resolve("fanout-" + stamp + ".md"), FanoutReport.markdown(rows, idleRows));
        FanoutReport.charts(rows, args.path("img", out.resolve("img")), symbols);
        log("results in " + out);
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

    private Row phase(
            String system,
            Cluster cluster,
            Vertx vertx,
            int port,
            WireProtocol protocol,
            List<List<String>> subs,
            Path sends,
            Duration duration,
            Duration warmup,
            double rate,
            Map<String, LongSupplier> servers)
            throws Exception {
        int n = subs.size();
        log(system + ": connecting " + n + " clients");
        ReceiptRecorder recorder = new ReceiptRecorder();
        try (LoadClients clients = new LoadClients(vertx, "127.0.0.1", port, protocol, subs, recorder, false)) {
            int open = clients.connectAll(100, Duration.ofSeconds(120));
            boolean all = Waits.until(
                    Duration.ofSeconds(60), 250, () -> clients.stats().stream().allMatch(s -> s.ticks() > 0));
            log(system + ": " + open + "/" + n + " open, all ticking: " + all + "; warm-up " + warmup);
            Waits.sleep(warmup);
            long logOffset = Files.size(sends);
            ProcSampler sampler = new ProcSampler(1000);
            servers.forEach(sampler::track);
            QuarkusAppProcess leader = cluster.leader().orElse(cluster.service("feed-service"));
            sampler.track("feed (leader)", leader::pid)
                    .track("redis", cluster.redis()::pid)
                    .track("kite-sim", cluster.service("kite-sim")::pid)
                    .track("bench clients", () -> ProcessHandle.current().pid());
            List<String> gwCounters = List.of(
                    "gateway_ws_deliveries",
                    "gateway_ws_coalesced",
                    "gateway_ws_dropped",
                    "gateway_ticks_received",
                    "gateway_ticks_out_of_order",
                    "gateway_ws_closes");
            List<String> feedCounters =
                    List.of("feed_ticks_total", "feed_decode_errors_total", "feed_reconnects_total");
            Map<String, Double> gw0 = Metrics.scrape(cluster.http(), cluster.gatewayUrl(), gwCounters);
            Map<String, Double> feed0 = Metrics.scrape(cluster.http(), leader.baseUrl(), feedCounters);
            RedisTap tap = new RedisTap(cluster.redis().port());
            long[] perClient0 =
                    clients.stats().stream().mapToLong(ClientStats::ticks).toArray();
            long[] perClient1 = new long[n];
            long ticks0 = clients.totalTicks();
            long t0 = System.nanoTime();
            sampler.start();
            recorder.recording(true);
            tap.recorder().recording(true);
            Waits.sleep(duration);
            recorder.recording(false);
            tap.recorder().recording(false);
            tap.close();
            Map<String, Double> counters = new LinkedHashMap<>(
                    Metrics.delta(gw0, Metrics.scrape(cluster.http(), cluster.gatewayUrl(), gwCounters)));
            counters.putAll(Metrics.delta(feed0, Metrics.scrape(cluster.http(), leader.baseUrl(), feedCounters)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            long delivered = clients.totalTicks() - ticks0;
            for (int i = 0; i < n; i++) {
                perClient1[i] = clients.stats().get(i).ticks();
            }
            List<ProcSampler.Usage> usage = sampler.stop();
            Waits.sleep(2000); // let the sim flush its send log past the last recorded tick
            SendLog log = SendLog.read(sends, Math.max(0, logOffset - 16L * 6000 * 5));
            LatencyJoin.Result lat = LatencyJoin.join(log, recorder);
            Histogram h = lat.micros();
            LatencyJoin.Result up = LatencyJoin.join(log, tap.recorder());
            Map<String, Long> closes = new LinkedHashMap<>();
            Map<String, Long> rejections = new LinkedHashMap<>();
            long accepted = 0;
            for (ClientStats s : clients.stats()) {
                s.closeCodes().forEach((code, c) -> closes.merge(String.valueOf(code), c.get(), Long::sum));
                s.rejections().forEach((why, c) -> rejections.merge(why, c.get(), Long::sum));
                accepted += s.accepted() >= 0 ? s.accepted() : s.symbols.size();
            }
            double[] ratios = new double[n];
            for (int i = 0; i < n; i++) {
                ClientStats s = clients.stats().get(i);
                int acc = s.accepted() >= 0 ? s.accepted() : s.symbols.size();
                ratios[i] = (perClient1[i] - perClient0[i]) / Math.max(1e-9, acc * rate * seconds);
            }
            java.util.Arrays.sort(ratios);
            log(String.format(
                    "%s: delivered/expected per client: min %.2f p10 %.2f p50 %.2f max %.2f",
                    system, ratios[0], ratios[n / 10], ratios[n / 2], ratios[n - 1]));
            if (GatewayProtocol.diagnose && system.equals("gateway")) {
                Map<String, Integer> tokens = universeTokens;
                Map<String, Integer> neverTicked = new java.util.TreeMap<>();
                for (ClientStats s : clients.stats()) {
                    for (String sym : s.symbols) {
                        if (!s.seenTokens.contains(tokens.get(sym))) {
                            neverTicked.merge(sym, 1, Integer::sum);
                        }
                    }
                }
                log("diagnose: " + neverTicked.size() + " symbols never ticked for some client: "
                        + neverTicked.entrySet().stream().limit(40).toList());
            }
            if (!rejections.isEmpty()) {
                log(system + ": the server refused symbols " + rejections + "; " + accepted + " of "
                        + n * subs.get(0).size() + " subscriptions accepted");
            }
            Row row = new Row(
                    system,
                    n,
                    subs.get(0).size(),
                    seconds,
                    delivered,
                    delivered / seconds,
                    accepted * rate,
                    lat.matched(),
                    lat.unmatched(),
                    ms(h, 50),
                    ms(h, 90),
                    ms(h, 99),
                    ms(h, 99.9),
                    h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0,
                    clients.openCount(),
                    clients.connectFailures(),
                    closes,
                    usage,
                    ms(up.micros(), 50),
                    ms(up.micros(), 99),
                    up.matched(),
                    counters);
            log(String.format(
                    "%s %d clients: %.0f deliveries/s (expected %.0f), p50 %.1f ms p99 %.1f ms max %.1f ms,"
                            + " %d samples; sim->Redis p50 %.1f ms p99 %.1f ms",
                    system,
                    n,
                    row.deliveriesPerSecond(),
                    row.expectedPerSecond(),
                    row.p50Ms(),
                    row.p99Ms(),
                    row.maxMs(),
                    row.latencySamples(),
                    row.upstreamP50Ms(),
                    row.upstreamP99Ms()));
            log("   counters: " + counters);
            usage.forEach(u -> log(String.format(
                    "   %-14s cpu %5.1f%% (max %5.1f%%)  rss %6.1f MB (max %6.1f)",
                    u.name(), u.cpuPercentAvg(), u.cpuPercentMax(), u.rssMbAvg(), u.rssMbMax())));
            return row;
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static void log(String s) {
        System.out.println("[" + Instant.now() + "] " + s);
    }
}
