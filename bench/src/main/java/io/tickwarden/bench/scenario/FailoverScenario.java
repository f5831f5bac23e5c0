package io.tickwarden.bench.scenario;

import io.tickwarden.bench.BenchArgs;
import io.tickwarden.bench.client.ClientStats;
import io.tickwarden.bench.client.GatewayProtocol;
import io.tickwarden.bench.client.LoadClients;
import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.client.SymbolUniverse;
import io.tickwarden.bench.report.Json;
import io.tickwarden.bench.report.Machine;
import io.tickwarden.bench.report.MarkdownTable;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.ClusterConfig;
import io.tickwarden.bench.system.ExtraEnv;
import io.tickwarden.bench.system.Waits;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisSentinelSet;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Redis Sentinel failover, repeated ({@code bench/run.sh failover --reps 10}): the system in Sentinel mode
 * (primary, replica, three Sentinels with down-after 1 s; two feed replicas), clients ticking; each rep SIGKILLs the
 * primary, waits for the promotion, for every service's readiness and for ticks at every client, then brings the old
 * primary back as a replica and waits for a healthy set. Reports per rep the promotion time and the clients' longest
 * gap (p50 over clients, max), and over all reps p50/max of the worst client gap; also the most upstream sockets
 * kite-sim had open at once (sampled every 100 ms: never two feed replicas').
 */
public final class FailoverScenario {

    /**
     * @param promotionMs     kill to the Sentinels reporting the replica as primary
     * @param readyMs         kill to every service's readiness UP again
     * @param gapP50Ms        the median over clients of each client's longest gap between tick messages
     * @param gapMaxMs        the longest gap any client saw
     * @param notResumed      clients with no tick within 60 s after the promotion
     * @param maxUpstream     the most upstream sockets open at kite-sim at once during the rep
     */
    public record Rep(
            int rep,
            double promotionMs,
            double readyMs,
            double gapP50Ms,
            double gapMaxMs,
            long notResumed,
            int maxUpstream) {}

    private final BenchArgs args;
    private final Path out;

    public FailoverScenario(BenchArgs args) {
        this.args = args;
        this.out = io.tickwarden.bench.report.ResultDirs.of(args, "failover").out();
    }

    public Map<String, Object> run() throws Exception {
        int reps = args.integer("reps", 10);
        int nClients = args.integer("clients", 50);
        int symbols = args.integer("symbols", 5);
        int instruments = args.integer("instruments", 100);
        double rate = args.decimal("rate", 5);
        Files.createDirectories(out);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "failover");
        result.put("started_at", Instant.now().toString());
        result.put("machine", Machine.describe());
        result.put(
                "parameters",
                Map.of(
                        "reps", reps,
                        "clients", nClients,
                        "symbols", symbols,
                        "instruments", instruments,
                        "ticks_per_second", rate,
                        "down_after_ms", RedisSentinelSet.DOWN_AFTER_MS,
                        "failover_timeout_ms", RedisSentinelSet.FAILOVER_TIMEOUT_MS));
        ClusterConfig config = new ClusterConfig(
                out,
                rate,
                List.of(),
                "quote",
                null,
                2,
                ExtraEnv.merge(Map.of(), args.string("env", "")),
                args.string("broker", "kite"));
        List<Rep> all = new ArrayList<>();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try (Cluster cluster = new Cluster(config).withSentinel()) {
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
                for (int rep = 1; rep <= reps; rep++) {
                    steady(cluster, clients);
                    Rep r = once(rep, cluster, clients);
                    all.add(r);
                    FanoutScenario.log(String.format(
                            "failover #%d: promotion %.0f ms, ready %.0f ms, gap p50 %.0f ms max %.0f ms, not resumed"
                                    + " %d, upstream sockets at most %d",
                            rep,
                            r.promotionMs(),
                            r.readyMs(),
                            r.gapP50Ms(),
                            r.gapMaxMs(),
                            r.notResumed(),
                            r.maxUpstream()));
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        Map<String, Object> summary = summarise(all);
        result.put("summary", summary);
        result.put("reps", all);
        result.put("finished_at", Instant.now().toString());
        String stamp = Instant.now().toString().replace(":", "").replace(".", "");
        Json.write(out.resolve("failover-" + stamp + ".json"), result);
        Files.writeString(out.resolve("failover-" + stamp + ".md"), markdown(summary, all, nClients));
        FanoutScenario.log("results in " + out + ": " + summary);
        return result;
    }

    /** Every client ticking, every service running, the Sentinel set healthy: a clean starting point. */
    private static void steady(Cluster cluster, LoadClients clients) {
        cluster.redis().sentinelSet().awaitHealthy();
        Waits.until(Duration.ofSeconds(60), 200, () -> {
            long now = System.nanoTime();
            return clients.stats().stream().allMatch(s -> now - s.lastTickNanos() < 1_500_000_000L);
        });
        // Sentinel fails a set over again only 2 x failover-timeout after its previous failover started.
        Waits.sleep(2L * RedisSentinelSet.FAILOVER_TIMEOUT_MS);
    }

    private static Rep once(int rep, Cluster cluster, LoadClients clients) {
        RedisSentinelSet set = cluster.redis().sentinelSet();
        AtomicInteger maxUpstream = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> {
                    try {
                        maxUpstream.accumulateAndGet(
                                cluster.simStats().path("ws_connections_open").asInt(), Math::max);
                    } catch (RuntimeException e) {
                        // A missed sample; the next one is 100 ms away.
                    }
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
        try {
            long mark = System.nanoTime();
            clients.stats().forEach(s -> s.resetGap(mark));
            int old = set.primaryPort();
            cluster.redis().kill();
            long killed = System.nanoTime();
            set.awaitPromotion(old, Duration.ofSeconds(60));
            long promoted = System.nanoTime();
            Waits.until(
                    Duration.ofSeconds(60),
                    100,
                    () -> cluster.services().values().stream()
                            .filter(QuarkusAppProcess::isRunning)
                            .allMatch(QuarkusAppProcess::ready));
            long ready = System.nanoTime();
            Waits.until(
                    Duration.ofSeconds(60),
                    100,
                    () -> clients.stats().stream().allMatch(s -> s.lastTickNanos() > promoted));
            // A further second of ticks so the gap that ends last is closed.
            Waits.sleep(1000);
            long notResumed = clients.stats().stream()
                    .filter(s -> s.lastTickNanos() <= promoted)
                    .count();
            List<Long> gaps = clients.stats().stream()
                    .map(ClientStats::maxGapNanos)
                    .sorted()
                    .toList();
            cluster.redis().start(); // the old primary, back as a replica
            return new Rep(
                    rep,
                    ms(promoted - killed),
                    ms(ready - killed),
                    ms(gaps.get(gaps.size() / 2)),
                    ms(gaps.get(gaps.size() - 1)),
                    notResumed,
                    maxUpstream.get());
        } finally {
            sampler.shutdownNow();
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Map<String, Object> summarise(List<Rep> reps) {
        List<Double> worst = reps.stream().map(Rep::gapMaxMs).sorted().toList();
        List<Double> promotion = reps.stream().map(Rep::promotionMs).sorted().toList();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("reps", reps.size());
        s.put("client_gap_p50_ms", worst.isEmpty() ? Double.NaN : worst.get(worst.size() / 2));
        s.put("client_gap_max_ms", worst.isEmpty() ? Double.NaN : worst.get(worst.size() - 1));
        s.put("promotion_p50_ms", promotion.isEmpty() ? Double.NaN : promotion.get(promotion.size() / 2));
        s.put("promotion_max_ms", promotion.isEmpty() ? Double.NaN : promotion.get(promotion.size() - 1));
        s.put("not_resumed", reps.stream().mapToLong(Rep::notResumed).sum());
        s.put(
                "max_upstream_sockets",
                reps.stream().mapToInt(Rep::maxUpstream).max().orElse(0));
        return s;
    }

    private static String markdown(Map<String, Object> summary, List<Rep> reps, int clients) {
        MarkdownTable table = new MarkdownTable(
                "rep",
                "promotion ms",
                "services ready ms",
                "client gap p50 ms",
                "client gap max ms",
                "not resumed",
                "upstream sockets at most");
        reps.forEach(r -> table.row(
                r.rep(), r.promotionMs(), r.readyMs(), r.gapP50Ms(), r.gapMaxMs(), r.notResumed(), r.maxUpstream()));
        return "# Sentinel failover, " + reps.size() + " reps, " + clients + " clients\n\n"
                + "Machine: " + Machine.describe() + "\n\n"
                + "SIGKILL of the primary; Sentinel down-after " + RedisSentinelSet.DOWN_AFTER_MS
                + " ms, quorum 2 of 3. The client gap is each client's longest time between two tick messages"
                + " around the failover; the summary takes each rep's worst client.\n\n"
                + table.render() + "\n\nSummary: " + summary + "\n";
    }
}
