package io.tickwarden.bench.scenario;

import io.tickwarden.bench.report.MarkdownTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fan-out scenario's Markdown report: the run, every phase, the medians over the reps, the verdict, idle memory. */
public final class FanoutReport {

    private FanoutReport() {}

    static String markdown(
            Map<String, Object> result,
            List<FanoutScenario.Row> rows,
            List<FanoutSummary.Point> points,
            List<FanoutSummary.Verdict> verdicts,
            List<FanoutScenario.IdleMemory> idle,
            List<FanoutSummary.IdleSummary> idleSummary) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) result.get("parameters");
        StringBuilder sb = new StringBuilder("## Fan-out\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "Run %s to %s (%.0f min); %s clients x %s symbols, %s instruments x %s ticks/s; per phase %s s warm-up"
                        + " and %s s measured; %s reps per peer and client count, alternating gateway and NATS (peer: %s)."
                        + " Machine: %s.\n\n",
                result.get("started_at"),
                result.get("finished_at"),
                ((Number) result.get("run_seconds")).doubleValue() / 60,
                p.get("clients"),
                p.get("symbols_per_client"),
                p.get("instruments"),
                p.get("ticks_per_second"),
                p.get("warmup_s"),
                p.get("duration_s"),
                p.get("reps"),
                p.get("peer"),
                result.get("machine")));
        sb.append(String.format(
                Locale.ROOT,
                "*hop*: the bench's own subscriber on Redis `feed.ticks` receives a tick -> a client receives it, per"
                        + " tick (for NATS: Redis -> bridge -> nats-server -> client). *end to end*: kite-sim's send ->"
                        + " client. A phase is **saturated** (listed, not compared) when sim→Redis p99 > %s ms, or"
                        + " deliveries < %.0f %% of expected, or the feed's lease changed hands during it: that part is"
                        + " the same for both peers, so it measures the box, not the peer.\n\n",
                MarkdownTable.format(p.get("saturated_ms")),
                100 * FanoutSaturation.MIN_DELIVERED));

        sb.append("### Verdict: hop, gateway / NATS (medians over the unsaturated reps)\n\n");
        MarkdownTable v = new MarkdownTable(
                "clients",
                "gateway hop p99 ms",
                "NATS hop p99 ms",
                "p99 gateway/NATS",
                "gateway hop p50 ms",
                "NATS hop p50 ms",
                "p50 gateway/NATS",
                "unsaturated reps (gateway, NATS)",
                "note");
        verdicts.forEach(x -> v.row(
                x.clients(),
                x.gatewayHopP99Ms(),
                x.natsHopP99Ms(),
                x.hopP99Ratio(),
                x.gatewayHopP50Ms(),
                x.natsHopP50Ms(),
                x.hopP50Ratio(),
                x.gatewayReps() + ", " + x.natsReps(),
                x.note()));
        sb.append(v.render());

        sb.append("\n### Medians [min–max] over the unsaturated reps\n\n");
        MarkdownTable m = new MarkdownTable(
                "system",
                "clients",
                "reps used / run",
                "deliveries/s",
                "hop p50 ms",
                "hop p90 ms",
                "hop p99 ms",
                "hop p99.9 ms",
                "hop max ms",
                "end-to-end p50 ms",
                "end-to-end p99 ms",
                "sim→Redis p50 ms",
                "sim→Redis p99 ms",
                "server CPU %",
                "bench CPU %");
        for (FanoutSummary.Point pt : points) {
            m.row(
                    pt.system(),
                    pt.clients(),
                    pt.unsaturated() + " / " + pt.reps(),
                    spread(pt, "deliveries_per_s"),
                    spread(pt, "hop_p50_ms"),
                    spread(pt, "hop_p90_ms"),
                    spread(pt, "hop_p99_ms"),
                    spread(pt, "hop_p999_ms"),
                    spread(pt, "hop_max_ms"),
                    spread(pt, "e2e_p50_ms"),
                    spread(pt, "e2e_p99_ms"),
                    spread(pt, "sim_redis_p50_ms"),
                    spread(pt, "sim_redis_p99_ms"),
                    spread(pt, "server_cpu_pct"),
                    spread(pt, "bench_cpu_pct"));
        }
        sb.append(m.render());

        sb.append("\n### Every phase, in the order run\n\n");
        sb.append(phases(rows).render());

        if (!idle.isEmpty()) {
            sb.append("\n## Memory per idle connection\n\n");
            MarkdownTable s = new MarkdownTable(
                    "system",
                    "idle connections",
                    "reps",
                    "live heap KB per connection, median [min–max]",
                    "RSS KB per connection, median [min–max]");
            idleSummary.forEach(i -> s.row(
                    i.system(),
                    i.connections(),
                    i.rssKbPerConnection().n(),
                    i.heapKbPerConnection().n() == 0 ? "n/a" : spread(i.heapKbPerConnection()),
                    spread(i.rssKbPerConnection())));
            sb.append(s.render()).append('\n');
            MarkdownTable t = new MarkdownTable(
                    "system",
                    "rep",
                    "idle connections",
                    "RSS before MB",
                    "RSS after MB",
                    "live heap KB per connection",
                    "RSS KB per connection");
            idle.forEach(i -> t.row(
                    i.system(),
                    i.rep(),
                    i.connections(),
                    i.rssBeforeMb(),
                    i.rssAfterMb(),
                    Double.isNaN(i.heapKbPerConnection()) ? "n/a" : i.heapKbPerConnection(),
                    i.kbPerConnection()));
            sb.append(t.render());
        }
        return sb.toString();
    }

    private static MarkdownTable phases(List<FanoutScenario.Row> rows) {
        MarkdownTable t = new MarkdownTable(
                "system",
                "clients",
                "rep",
                "saturated",
                "load at start → end",
                "deliveries/s",
                "expected/s",
                "hop p50 ms",
                "hop p90 ms",
                "hop p99 ms",
                "hop p99.9 ms",
                "hop max ms",
                "end-to-end p50 ms",
                "end-to-end p99 ms",
                "sim→Redis p50 ms",
                "sim→Redis p99 ms",
                "lease events",
                "server CPU %",
                "server RSS MB",
                "bench CPU %");
        for (FanoutScenario.Row r : rows) {
            boolean hop = r.hop() != null;
            t.row(
                    r.system(),
                    r.clients(),
                    r.rep(),
                    r.saturated() == null ? "no" : "**yes**: " + r.saturated(),
                    r.loadAtStart() + " → " + r.loadAtEnd(),
                    r.deliveriesPerSecond(),
                    r.expectedPerSecond(),
                    hop ? r.hop().p50Ms() : Double.NaN,
                    hop ? r.hop().p90Ms() : Double.NaN,
                    hop ? r.hop().p99Ms() : Double.NaN,
                    hop ? r.hop().p999Ms() : Double.NaN,
                    hop ? r.hop().maxMs() : Double.NaN,
                    r.p50Ms(),
                    r.p99Ms(),
                    r.upstreamP50Ms(),
                    r.upstreamP99Ms(),
                    (long) r.leaseChanges(),
                    FanoutSummary.serverCpu(r),
                    FanoutSummary.serverRssMb(r),
                    FanoutSummary.usage(r, "bench clients"));
        }
        return t;
    }

    private static String spread(FanoutSummary.Point p, String figure) {
        FanoutSummary.Spread s = p.figures().get(figure);
        return s == null ? "n/a" : spread(s);
    }

    static String spread(FanoutSummary.Spread s) {
        if (s.n() == 0) {
            return "n/a";
        }
        if (s.n() == 1) {
            return MarkdownTable.format(s.median());
        }
        return MarkdownTable.format(s.median()) + " [" + MarkdownTable.format(s.min()) + "–"
                + MarkdownTable.format(s.max()) + "]";
    }

    /** Re-renders the charts of a saved result ({@code charts --fanout file.json --img dir}). */
    public static void chartsFromJson(Path json, Path img) throws java.io.IOException {
        FanoutCharts.fromJson(json, img);
    }
}
