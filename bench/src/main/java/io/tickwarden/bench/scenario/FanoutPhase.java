package io.tickwarden.bench.scenario;

import io.tickwarden.bench.client.ClientStats;
import io.tickwarden.bench.client.GatewayProtocol;
import io.tickwarden.bench.client.LoadClients;
import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.client.WireProtocol;
import io.tickwarden.bench.latency.LatencyJoin;
import io.tickwarden.bench.latency.Percentiles;
import io.tickwarden.bench.latency.RedisTap;
import io.tickwarden.bench.latency.SendLog;
import io.tickwarden.bench.proc.Metrics;
import io.tickwarden.bench.proc.ProcSampler;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.Waits;
import io.tickwarden.testing.QuarkusAppProcess;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One measured phase of the fan-out: N clients on one peer (gateway or NATS) against the running system, warm-up,
 * then {@code duration} of receipts joined with kite-sim's send log (end to end) and with the bench's own receipt
 * at Redis (the hop), plus CPU/RSS, counters, the load average and whether the box was saturated.
 */
final class FanoutPhase {

    private static final List<String> GATEWAY_COUNTERS = List.of(
            "gateway_ws_deliveries",
            "gateway_ws_coalesced",
            "gateway_ws_dropped",
            "gateway_ticks_received",
            "gateway_ticks_out_of_order",
            "gateway_ws_closes");
    private static final List<String> FEED_COUNTERS =
            List.of("feed_ticks_total", "feed_decode_errors_total", "feed_reconnects_total");
    private static final List<String> LEASE_COUNTERS = List.of("feed_lease_changes_total");
    /** The tap records this long before the clients and after them, so a tick the clients see has a Redis receipt. */
    private static final long TAP_MARGIN_MS = 1000;
    /** As far back as the histograms reach (60 s): older sends would only be clipped to the maximum. */
    private static final int SEND_LOG_LOOKBACK_S = 60;

    private final Cluster cluster;
    private final Vertx vertx;
    private final Path sends;
    private final Duration duration;
    private final Duration warmup;
    private final double rate;
    private final double saturatedMs;
    private final Map<String, Integer> universeTokens;

    FanoutPhase(
            Cluster cluster,
            Vertx vertx,
            Path sends,
            Duration duration,
            Duration warmup,
            double rate,
            double saturatedMs,
            Map<String, Integer> universeTokens) {
        this.cluster = cluster;
        this.vertx = vertx;
        this.sends = sends;
        this.duration = duration;
        this.warmup = warmup;
        this.rate = rate;
        this.saturatedMs = saturatedMs;
        this.universeTokens = universeTokens;
    }

    FanoutScenario.Row run(
            String system,
            int rep,
            int port,
            WireProtocol protocol,
            List<List<String>> subs,
            Map<String, LongSupplier> servers)
            throws Exception {
        int n = subs.size();
        String loadAtStart = loadAverage();
        log(system + " rep " + rep + ": connecting " + n + " clients (load " + loadAtStart + ")");
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
            Map<String, Double> gw0 = Metrics.scrape(cluster.http(), cluster.gatewayUrl(), GATEWAY_COUNTERS);
            Map<String, Double> feed0 = Metrics.scrape(cluster.http(), leader.baseUrl(), FEED_COUNTERS);
            Map<String, Double> lease0 = leaseEvents();
            RedisTap tap = new RedisTap(cluster.redis().port());
            tap.recorder().recording(true);
            Waits.sleep(TAP_MARGIN_MS);
            long[] perClient0 =
                    clients.stats().stream().mapToLong(ClientStats::ticks).toArray();
            long ticks0 = clients.totalTicks();
            long t0 = System.nanoTime();
            sampler.start();
            recorder.recording(true);
            Waits.sleep(duration);
            recorder.recording(false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long delivered = clients.totalTicks() - ticks0;
            long[] perClient1 =
                    clients.stats().stream().mapToLong(ClientStats::ticks).toArray();
            List<ProcSampler.Usage> usage = sampler.stop();
            Waits.sleep(TAP_MARGIN_MS);
            tap.recorder().recording(false);
            tap.close();
            Map<String, Double> counters = new LinkedHashMap<>(
                    Metrics.delta(gw0, Metrics.scrape(cluster.http(), cluster.gatewayUrl(), GATEWAY_COUNTERS)));
            counters.putAll(Metrics.delta(feed0, Metrics.scrape(cluster.http(), leader.baseUrl(), FEED_COUNTERS)));
            double leaseChanges = leaseChanges(lease0, leaseEvents());
            String loadAtEnd = loadAverage();
            Waits.sleep(2000); // let the sim flush its send log past the last recorded tick
            // Read the send log from well before the phase: on a saturated box the feed publishes ticks tens of
            // seconds after kite-sim sent them, and a tick the log no longer holds cannot be timed at all.
            long lookBack = (long) (SendLog.RECORD_BYTES * universeTokens.size() * rate * SEND_LOG_LOOKBACK_S);
            SendLog log = SendLog.read(sends, Math.max(0, logOffset - lookBack));
            Percentiles endToEnd = Percentiles.of(LatencyJoin.join(log, recorder));
            Percentiles upstream = Percentiles.of(LatencyJoin.join(log, tap.recorder()));
            Percentiles hop = Percentiles.of(LatencyJoin.hop(tap.recorder(), recorder));

            Map<String, Long> closes = new LinkedHashMap<>();
            Map<String, Long> rejections = new LinkedHashMap<>();
            long accepted = 0;
            double[] ratios = new double[n];
            for (int i = 0; i < n; i++) {
                ClientStats s = clients.stats().get(i);
                s.closeCodes().forEach((code, c) -> closes.merge(String.valueOf(code), c.get(), Long::sum));
                s.rejections().forEach((why, c) -> rejections.merge(why, c.get(), Long::sum));
                int acc = s.accepted() >= 0 ? s.accepted() : s.symbols.size();
                accepted += acc;
                ratios[i] = (perClient1[i] - perClient0[i]) / Math.max(1e-9, acc * rate * seconds);
            }
            java.util.Arrays.sort(ratios);
            log(String.format(
                    "%s: delivered/expected per client: min %.2f p10 %.2f p50 %.2f max %.2f",
                    system, ratios[0], ratios[n / 10], ratios[n / 2], ratios[n - 1]));
            diagnose(system, clients);
            if (!rejections.isEmpty()) {
                log(system + ": the server refused symbols " + rejections + "; " + accepted + " of "
                        + n * subs.get(0).size() + " subscriptions accepted");
            }
            double perSecond = delivered / seconds;
            double expected = accepted * rate;
            String saturated =
                    FanoutSaturation.reason(upstream.p99Ms(), perSecond, expected, leaseChanges, saturatedMs);
            FanoutScenario.Row row = new FanoutScenario.Row(
                    system,
                    n,
                    rep,
                    subs.get(0).size(),
                    seconds,
                    delivered,
                    perSecond,
                    expected,
                    endToEnd.samples(),
                    endToEnd.unmatched(),
                    endToEnd.p50Ms(),
                    endToEnd.p90Ms(),
                    endToEnd.p99Ms(),
                    endToEnd.p999Ms(),
                    endToEnd.maxMs(),
                    clients.openCount(),
                    clients.connectFailures(),
                    closes,
                    usage,
                    upstream.p50Ms(),
                    upstream.p99Ms(),
                    upstream.samples(),
                    counters,
                    hop,
                    loadAtStart,
                    loadAtEnd,
                    leaseChanges,
                    saturated);
            log(String.format(
                    "%s %d clients rep %d: %.0f deliveries/s (expected %.0f), end-to-end p50 %.1f p99 %.1f ms;"
                            + " hop p50 %.1f p99 %.1f max %.1f ms (%d samples, %d unmatched, %d negative);"
                            + " sim->Redis p50 %.1f p99 %.1f ms; load %s -> %s%s",
                    system,
                    n,
                    rep,
                    perSecond,
                    expected,
                    endToEnd.p50Ms(),
                    endToEnd.p99Ms(),
                    hop.p50Ms(),
                    hop.p99Ms(),
                    hop.maxMs(),
                    hop.samples(),
                    hop.unmatched(),
                    hop.negative(),
                    upstream.p50Ms(),
                    upstream.p99Ms(),
                    loadAtStart,
                    loadAtEnd,
                    saturated == null ? "" : "; SATURATED: " + saturated));
            log("   counters: " + counters);
            usage.forEach(u -> log(String.format(
                    "   %-14s cpu %5.1f%% (max %5.1f%%)  rss %6.1f MB (max %6.1f)",
                    u.name(), u.cpuPercentAvg(), u.cpuPercentMax(), u.rssMbAvg(), u.rssMbMax())));
            return row;
        }
    }

    /** Lease events (acquired, lost, fenced, released) per feed replica, summed over the kinds. */
    private Map<String, Double> leaseEvents() {
        Map<String, Double> events = new LinkedHashMap<>();
        for (QuarkusAppProcess feed : cluster.feeds()) {
            events.put(
                    feed.baseUrl(),
                    Metrics.scrape(cluster.http(), feed.baseUrl(), LEASE_COUNTERS).values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum());
        }
        return events;
    }

    /** Events per replica between two scrapes; a counter that went down (the replica restarted) counts too. */
    static double leaseChanges(Map<String, Double> before, Map<String, Double> after) {
        double changes = 0;
        for (var e : after.entrySet()) {
            changes += Math.abs(e.getValue() - before.getOrDefault(e.getKey(), e.getValue()));
        }
        return changes;
    }

    /** The 1-, 5- and 15-minute load averages of the machine, as /proc/loadavg gives them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private void diagnose(String system, LoadClients clients) {
        if (!GatewayProtocol.diagnose || !system.equals("gateway")) {
            return;
        }
        Map<String, Integer> neverTicked = new java.util.TreeMap<>();
        for (ClientStats s : clients.stats()) {
            for (String sym : s.symbols) {
                if (!s.seenTokens.contains(universeTokens.get(sym))) {
                    neverTicked.merge(sym, 1, Integer::sum);
                }
            }
        }
        log("diagnose: " + neverTicked.size() + " symbols never ticked for some client: "
                + neverTicked.entrySet().stream().limit(40).toList());
    }

    private static void log(String s) {
        FanoutScenario.log(s);
    }
}
