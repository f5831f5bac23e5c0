package io.tickwarden.bench.scenario;

import io.tickwarden.bench.proc.ProcSampler;
import io.tickwarden.bench.report.Charts;
import io.tickwarden.bench.report.MarkdownTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fan-out scenario's report: the Markdown tables and the PNG charts, also re-rendered from a saved result. */
public final class FanoutReport {

    private FanoutReport() {}

    static String markdown(List<FanoutScenario.Row> rows, List<FanoutScenario.IdleMemory> idle) {
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
        for (FanoutScenario.Row r : rows) {
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

    static void charts(List<FanoutScenario.Row> rows, Path img, int symbols) {
        List<Integer> x = rows.stream()
                .filter(r -> r.system().equals("gateway"))
                .map(FanoutScenario.Row::clients)
                .toList();
        if (x.isEmpty()) {
            return;
        }
        Map<String, List<? extends Number>> lat = new LinkedHashMap<>();
        Map<String, List<? extends Number>> thr = new LinkedHashMap<>();
        Map<String, List<? extends Number>> cpu = new LinkedHashMap<>();
        for (String system : List.of("gateway", "nats")) {
            List<FanoutScenario.Row> rs =
                    rows.stream().filter(r -> r.system().equals(system)).toList();
            if (rs.isEmpty()) {
                continue;
            }
            lat.put(system + " p50", rs.stream().map(FanoutScenario.Row::p50Ms).toList());
            lat.put(system + " p99", rs.stream().map(FanoutScenario.Row::p99Ms).toList());
            lat.put(
                    system + " p99.9",
                    rs.stream().map(FanoutScenario.Row::p999Ms).toList());
            thr.put(
                    system,
                    rs.stream().map(FanoutScenario.Row::deliveriesPerSecond).toList());
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
        List<FanoutScenario.Row> gwRows =
                rows.stream().filter(r -> r.system().equals("gateway")).toList();
        lat.put(
                "sim->Redis p50 (feed)",
                gwRows.stream().map(FanoutScenario.Row::upstreamP50Ms).toList());
        lat.put(
                "sim->Redis p99 (feed)",
                gwRows.stream().map(FanoutScenario.Row::upstreamP99Ms).toList());
        thr.put(
                "expected",
                rows.stream()
                        .filter(r -> r.system().equals("gateway"))
                        .map(FanoutScenario.Row::expectedPerSecond)
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
        List<FanoutScenario.Row> rows = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode r : root.path("rows")) {
            rows.add(io.tickwarden.bench.system.Http.JSON.treeToValue(r, FanoutScenario.Row.class));
        }
        charts(rows, img, root.path("parameters").path("symbols_per_client").asInt(50));
    }
}
