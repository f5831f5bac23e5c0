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
import io.tickwarden.bench.proc.Jcmd;
import io.tickwarden.bench.proc.Metrics;
import io.tickwarden.bench.proc.ProcSampler;
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
                        peer ? "nats-server " + natsVersion() : "none",
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
                    idleRows.add(idleMemory(
                            "gateway",
                            vertx,
                            "127.0.0.1",
                            cluster.gatewayPort(),
                            new GatewayProtocol(Cluster.GATEWAY_KEY, mode),
                            cluster.service("gateway")::pid,
                            idle));
                    if (nats != null) {
                        idleRows.add(idleMemory(
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
        Files.writeString(out.resolve("fanout-" + stamp + ".md"), markdown(rows, idleRows));
        charts(rows, args.path("img", out.resolve("img")), symbols);
        log("results in " + out);
        return result;
    }

    private static String natsVersion() {
        try {
            Process p = new ProcessBuilder(NatsServer.binary(), "--version")
                    .redirectErrorStream(true)
                    .start();
            return new String(p.getInputStream().readAllBytes()).trim();
        } catch (Exception e) {
            return "?";
        }
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

    private IdleMemory idleMemory(
            String system, Vertx vertx, String host, int port, WireProtocol protocol, LongSupplier pid, int n)
            throws Exception {
        // jcmd only for JVMs: it signals the target with SIGQUIT, which kills a Go process like nats-server.
        boolean jvm = !system.equals("nats");
        if (jvm) {
            Jcmd.gc(pid.getAsLong());
        }
        Waits.sleep(3000);
        double before = ProcSampler.rssKb(pid.getAsLong()) / 1024.0;
        long heapBefore = jvm ? Jcmd.heapUsedKb(pid.getAsLong()) : -1;
        List<List<String>> none = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            none.add(List.of());
        }
        try (LoadClients clients = new LoadClients(vertx, host, port, protocol, none, new ReceiptRecorder(), false)) {
            int open = clients.connectAll(100, Duration.ofSeconds(120));
            Waits.sleep(10_000);
            if (jvm) {
                Jcmd.gc(pid.getAsLong());
            }
            Waits.sleep(3000);
            double after = ProcSampler.rssKb(pid.getAsLong()) / 1024.0;
            long heapAfter = jvm ? Jcmd.heapUsedKb(pid.getAsLong()) : -1;
            double heapPer = heapBefore >= 0 && heapAfter >= 0
                    ? (heapAfter - heapBefore) / (double) Math.max(1, open)
                    : Double.NaN;
            IdleMemory m =
                    new IdleMemory(system, open, before, after, (after - before) * 1024.0 / Math.max(1, open), heapPer);
            log(String.format(
                    "%s idle: %d connections, RSS %.1f -> %.1f MB, %.1f KB per connection (live heap %.1f KB"
                            + " per connection after a full GC)",
                    system, open, before, after, m.kbPerConnection(), heapPer));
            return m;
        }
    }

    static String markdown(List<Row> rows, List<IdleMemory> idle) {
        MarkdownTable t = new MarkdownTable(
                "system",
                "clients",
                "deliveries/s",
                "expected/s",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "p99.9 ms",
                "max ms",
                "sim→Redis p50 ms",
                "sim→Redis p99 ms",
                "server CPU %",
                "server RSS MB",
                "feed CPU %",
                "bench CPU %");
        for (Row r : rows) {
            double serverCpu = 0;
            double serverRss = 0;
            double feedCpu = Double.NaN;
            double benchCpu = Double.NaN;
            for (ProcSampler.Usage u : r.usage()) {
                switch (u.name()) {
                    case "gateway", "nats-server", "bridge" -> {
                        serverCpu += u.cpuPercentAvg();
                        serverRss += u.rssMbMax();
                    }
                    case "feed (leader)" -> feedCpu = u.cpuPercentAvg();
                    case "bench clients" -> benchCpu = u.cpuPercentAvg();
                    default -> {}
                }
            }
            t.row(
                    r.system(),
                    r.clients(),
                    r.deliveriesPerSecond(),
                    r.expectedPerSecond(),
                    r.p50Ms(),
                    r.p90Ms(),
                    r.p99Ms(),
                    r.p999Ms(),
                    r.maxMs(),
                    r.upstreamP50Ms(),
                    r.upstreamP99Ms(),
                    serverCpu,
                    serverRss,
                    feedCpu,
                    benchCpu);
        }
        StringBuilder sb = new StringBuilder("## Fan-out\n\n").append(t.render());
        if (!idle.isEmpty()) {
            MarkdownTable m = new MarkdownTable(
                    "system",
                    "idle connections",
                    "RSS before MB",
                    "RSS after MB",
                    "live heap KB per connection",
                    "RSS KB per connection");
            idle.forEach(i -> m.row(
                    i.system(),
                    i.connections(),
                    i.rssBeforeMb(),
                    i.rssAfterMb(),
                    Double.isNaN(i.heapKbPerConnection()) ? "n/a" : i.heapKbPerConnection(),
                    i.kbPerConnection()));
            sb.append("\n## Memory per idle connection\n\n").append(m.render());
        }
        return sb.toString();
    }

    static void charts(List<Row> rows, Path img, int symbols) {
        List<Integer> x = rows.stream()
                .filter(r -> r.system().equals("gateway"))
                .map(Row::clients)
                .toList();
        if (x.isEmpty()) {
            return;
        }
        Map<String, List<? extends Number>> lat = new LinkedHashMap<>();
        Map<String, List<? extends Number>> thr = new LinkedHashMap<>();
        Map<String, List<? extends Number>> cpu = new LinkedHashMap<>();
        for (String system : List.of("gateway", "nats")) {
            List<Row> rs = rows.stream().filter(r -> r.system().equals(system)).toList();
            if (rs.isEmpty()) {
                continue;
            }
            lat.put(system + " p50", rs.stream().map(Row::p50Ms).toList());
            lat.put(system + " p99", rs.stream().map(Row::p99Ms).toList());
            lat.put(system + " p99.9", rs.stream().map(Row::p999Ms).toList());
            thr.put(system, rs.stream().map(Row::deliveriesPerSecond).toList());
            cpu.put(
                    system,
                    rs.stream()
                            .map(r -> r.usage().stream()
                                    .filter(u -> List.of("gateway", "nats-server", "bridge")
                                            .contains(u.name()))
                                    .mapToDouble(ProcSampler.Usage::cpuPercentAvg)
                                    .sum())
                            .toList());
        }
        List<Row> gwRows =
                rows.stream().filter(r -> r.system().equals("gateway")).toList();
        lat.put("sim->Redis p50 (feed)", gwRows.stream().map(Row::upstreamP50Ms).toList());
        lat.put("sim->Redis p99 (feed)", gwRows.stream().map(Row::upstreamP99Ms).toList());
        thr.put(
                "expected",
                rows.stream()
                        .filter(r -> r.system().equals("gateway"))
                        .map(Row::expectedPerSecond)
                        .toList());
        Charts.lines(
                img.resolve("fanout-latency.png"),
                "kite-sim send to client receipt latency vs clients (" + symbols + " symbols each)",
                "clients",
                "latency (ms)",
                x,
                lat,
                false);
        Charts.lines(
                img.resolve("fanout-throughput.png"),
                "Deliveries per second vs clients",
                "clients",
                "ticks delivered / s",
                x,
                thr,
                false);
        Charts.lines(
                img.resolve("fanout-cpu.png"),
                "Fan-out server CPU vs clients (100% = one core)",
                "clients",
                "CPU %",
                x,
                cpu,
                false);
    }

    /** Re-renders the charts of a saved result ({@code charts --fanout file.json --img dir}). */
    public static void chartsFromJson(Path json, Path img) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode root = io.tickwarden.bench.system.Http.JSON.readTree(json.toFile());
        List<Row> rows = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode r : root.path("rows")) {
            rows.add(io.tickwarden.bench.system.Http.JSON.treeToValue(r, Row.class));
        }
        charts(rows, img, root.path("parameters").path("symbols_per_client").asInt(50));
    }

    static void log(String s) {
        System.out.println("[" + Instant.now() + "] " + s);
    }
}
