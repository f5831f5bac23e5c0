package io.tickwarden.bench.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.bench.report.Charts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fan-out charts, drawn from the medians over the unsaturated reps: end-to-end latency, the hop per peer,
 * deliveries and server CPU against the client count.
 */
final class FanoutCharts {

    /** Older results lack the hop, the rep and the saturation mark; they still chart (one rep, none saturated). */
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private FanoutCharts() {}

    static void render(List<FanoutSummary.Point> points, Path img, int symbols) {
        List<Integer> x = points.stream()
                .map(FanoutSummary.Point::clients)
                .distinct()
                .sorted()
                .toList();
        if (x.isEmpty()) {
            return;
        }
        Map<String, List<? extends Number>> lat = new LinkedHashMap<>();
        Map<String, List<? extends Number>> hop = new LinkedHashMap<>();
        Map<String, List<? extends Number>> thr = new LinkedHashMap<>();
        Map<String, List<? extends Number>> cpu = new LinkedHashMap<>();
        for (String system : List.of("gateway", "nats")) {
            if (points.stream().noneMatch(p -> p.system().equals(system))) {
                continue;
            }
            lat.put(system + " p50", series(points, system, x, "e2e_p50_ms"));
            lat.put(system + " p99", series(points, system, x, "e2e_p99_ms"));
            lat.put(system + " p99.9", series(points, system, x, "e2e_p999_ms"));
            hop.put(system + " hop p50", series(points, system, x, "hop_p50_ms"));
            hop.put(system + " hop p99", series(points, system, x, "hop_p99_ms"));
            thr.put(system, series(points, system, x, "deliveries_per_s"));
            cpu.put(system, series(points, system, x, "server_cpu_pct"));
        }
        lat.put("sim->Redis p50 (feed)", series(points, "gateway", x, "sim_redis_p50_ms"));
        lat.put("sim->Redis p99 (feed)", series(points, "gateway", x, "sim_redis_p99_ms"));
        thr.put("expected", series(points, "gateway", x, "expected_per_s"));
        String medians = " (medians over unsaturated reps)";
        Charts.lines(
                img.resolve("fanout-latency.png"),
                "kite-sim send to client receipt vs clients (" + symbols + " symbols each)" + medians,
                "clients",
                "latency (ms)",
                x,
                lat,
                false);
        Charts.lines(
                img.resolve("fanout-hop.png"),
                "Fan-out hop, Redis receipt to client receipt, per peer" + medians,
                "clients",
                "hop (ms)",
                x,
                hop,
                false);
        Charts.lines(
                img.resolve("fanout-throughput.png"),
                "Deliveries per second vs clients" + medians,
                "clients",
                "ticks delivered / s",
                x,
                thr,
                false);
        Charts.lines(
                img.resolve("fanout-cpu.png"),
                "Fan-out server CPU vs clients (100% = one core)" + medians,
                "clients",
                "CPU %",
                x,
                cpu,
                false);
    }

    /** The median of {@code figure} for {@code system} at each x (NaN where it has none). */
    private static List<Double> series(
            List<FanoutSummary.Point> points, String system, List<Integer> x, String figure) {
        List<Double> y = new ArrayList<>();
        for (int clients : x) {
            y.add(points.stream()
                    .filter(p -> p.system().equals(system) && p.clients() == clients)
                    .map(p -> p.median(figure))
                    .findFirst()
                    .orElse(Double.NaN));
        }
        return y;
    }

    static void fromJson(Path json, Path img) throws IOException {
        JsonNode root = JSON.readTree(json.toFile());
        List<FanoutScenario.Row> rows = new ArrayList<>();
        for (JsonNode r : root.path("rows")) {
            rows.add(JSON.treeToValue(r, FanoutScenario.Row.class));
        }
        render(
                FanoutSummary.points(rows),
                img,
                root.path("parameters").path("symbols_per_client").asInt(50));
    }
}
