package io.tickwarden.bench.scenario;

import io.tickwarden.bench.proc.ProcSampler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The reps of a fan-out run reduced to one figure per (clients, peer): the median and the spread (min-max) over the
 * unsaturated reps only, and per client count the gateway/NATS ratio of the hop medians. Pure: rows in, figures out.
 */
public final class FanoutSummary {

    /** Median and min-max of one figure over {@code n} reps (NaN when n is 0). */
    public record Spread(double median, double min, double max, int n) {

        static Spread of(Collection<Double> values) {
            double[] v = values.stream()
                    .mapToDouble(Double::doubleValue)
                    .filter(d -> !Double.isNaN(d))
                    .sorted()
                    .toArray();
            if (v.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            int m = v.length / 2;
            double median = v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
            return new Spread(median, v[0], v[v.length - 1], v.length);
        }
    }

    /** One peer at one client count: how many reps ran, how many were unsaturated, and the figures over those. */
    public record Point(String system, int clients, int reps, int unsaturated, Map<String, Spread> figures) {

        public double median(String figure) {
            Spread s = figures.get(figure);
            return s == null ? Double.NaN : s.median();
        }
    }

    /**
     * Gateway hop p99 (and p50) median over NATS's, at one client count; NaN when either peer has no unsaturated rep
     * (then {@code note} says so). Below 1 the gateway is ahead.
     */
    public record Verdict(
            int clients,
            double gatewayHopP99Ms,
            double natsHopP99Ms,
            double hopP99Ratio,
            double gatewayHopP50Ms,
            double natsHopP50Ms,
            double hopP50Ratio,
            int gatewayReps,
            int natsReps,
            String note) {}

    /** Idle memory of one system: the median (and spread) of its reps. */
    public record IdleSummary(String system, int connections, Spread heapKbPerConnection, Spread rssKbPerConnection) {}

    /** Figures, in report order: name -> how to read it from a row. */
    static final Map<String, ToDoubleFunction<FanoutScenario.Row>> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("deliveries_per_s", FanoutScenario.Row::deliveriesPerSecond);
        FIGURES.put("expected_per_s", FanoutScenario.Row::expectedPerSecond);
        FIGURES.put("hop_p50_ms", r -> r.hop() == null ? Double.NaN : r.hop().p50Ms());
        FIGURES.put("hop_p90_ms", r -> r.hop() == null ? Double.NaN : r.hop().p90Ms());
        FIGURES.put("hop_p99_ms", r -> r.hop() == null ? Double.NaN : r.hop().p99Ms());
        FIGURES.put("hop_p999_ms", r -> r.hop() == null ? Double.NaN : r.hop().p999Ms());
        FIGURES.put("hop_max_ms", r -> r.hop() == null ? Double.NaN : r.hop().maxMs());
        FIGURES.put("e2e_p50_ms", FanoutScenario.Row::p50Ms);
        FIGURES.put("e2e_p99_ms", FanoutScenario.Row::p99Ms);
        FIGURES.put("e2e_p999_ms", FanoutScenario.Row::p999Ms);
        FIGURES.put("sim_redis_p50_ms", FanoutScenario.Row::upstreamP50Ms);
        FIGURES.put("sim_redis_p99_ms", FanoutScenario.Row::upstreamP99Ms);
        FIGURES.put("server_cpu_pct", FanoutSummary::serverCpu);
        FIGURES.put("bench_cpu_pct", r -> usage(r, "bench clients"));
    }

    private FanoutSummary() {}

    /** Per client count, gateway first then NATS, the figures over the unsaturated reps. */
    public static List<Point> points(List<FanoutScenario.Row> rows) {
        Map<Integer, Map<String, List<FanoutScenario.Row>>> by = new TreeMap<>();
        for (FanoutScenario.Row r : rows) {
            by.computeIfAbsent(r.clients(), c -> new TreeMap<>())
                    .computeIfAbsent(r.system(), s -> new ArrayList<>())
                    .add(r);
        }
        List<Point> points = new ArrayList<>();
        by.forEach((clients, systems) -> systems.forEach((system, rs) -> {
            List<FanoutScenario.Row> ok =
                    rs.stream().filter(r -> r.saturated() == null).toList();
            Map<String, Spread> figures = new LinkedHashMap<>();
            FIGURES.forEach((name, f) -> figures.put(
                    name, Spread.of(ok.stream().map(f::applyAsDouble).toList())));
            points.add(new Point(system, clients, rs.size(), ok.size(), figures));
        }));
        return points;
    }

    public static List<Verdict> verdicts(List<Point> points) {
        Map<Integer, Point> gateway = new TreeMap<>();
        Map<Integer, Point> nats = new TreeMap<>();
        for (Point p : points) {
            (p.system().equals("gateway") ? gateway : nats).put(p.clients(), p);
        }
        List<Verdict> out = new ArrayList<>();
        gateway.forEach((clients, g) -> {
            Point n = nats.get(clients);
            if (n == null) {
                return;
            }
            String note = g.unsaturated() == 0 || n.unsaturated() == 0
                    ? "not compared: no unsaturated rep of "
                            + (g.unsaturated() + n.unsaturated() == 0
                                    ? "either peer"
                                    : g.unsaturated() == 0 ? "the gateway" : "NATS")
                    : "";
            double g99 = g.median("hop_p99_ms");
            double n99 = n.median("hop_p99_ms");
            double g50 = g.median("hop_p50_ms");
            double n50 = n.median("hop_p50_ms");
            out.add(new Verdict(
                    clients, g99, n99, g99 / n99, g50, n50, g50 / n50, g.unsaturated(), n.unsaturated(), note));
        });
        return out;
    }

    public static List<IdleSummary> idle(List<FanoutScenario.IdleMemory> rows) {
        Map<String, List<FanoutScenario.IdleMemory>> by = new LinkedHashMap<>();
        rows.forEach(r -> by.computeIfAbsent(r.system(), s -> new ArrayList<>()).add(r));
        List<IdleSummary> out = new ArrayList<>();
        by.forEach((system, rs) -> out.add(new IdleSummary(
                system,
                rs.get(0).connections(),
                Spread.of(rs.stream()
                        .map(FanoutScenario.IdleMemory::heapKbPerConnection)
                        .toList()),
                Spread.of(rs.stream()
                        .map(FanoutScenario.IdleMemory::kbPerConnection)
                        .toList()))));
        return out;
    }

    /** The fan-out server's CPU: the gateway, or nats-server plus the bridge. */
    static double serverCpu(FanoutScenario.Row r) {
        return r.usage().stream()
                .filter(u -> List.of("gateway", "nats-server", "bridge").contains(u.name()))
                .mapToDouble(ProcSampler.Usage::cpuPercentAvg)
                .sum();
    }

    static double serverRssMb(FanoutScenario.Row r) {
        return r.usage().stream()
                .filter(u -> List.of("gateway", "nats-server", "bridge").contains(u.name()))
                .mapToDouble(ProcSampler.Usage::rssMbMax)
                .sum();
    }

    static double usage(FanoutScenario.Row r, String name) {
        return r.usage().stream()
                .filter(u -> u.name().equals(name))
                .mapToDouble(ProcSampler.Usage::cpuPercentAvg)
                .findFirst()
                .orElse(Double.NaN);
    }
}
