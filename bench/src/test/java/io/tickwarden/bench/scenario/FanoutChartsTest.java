package io.tickwarden.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.bench.latency.Percentiles;
import io.tickwarden.bench.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FanoutChartsTest {

    @Test
    void chartsRenderFromANewResultWithASaturatedPoint(@TempDir Path dir) throws Exception {
        List<FanoutScenario.Row> rows = List.of(
                row("gateway", 100, 1, null),
                row("nats", 100, 1, null),
                row("gateway", 500, 1, null),
                row("nats", 500, 1, "sim→Redis p99 900 ms > 500 ms"));
        Path json = dir.resolve("fanout.json");
        Json.write(json, Map.of("parameters", Map.of("symbols_per_client", 50), "rows", rows));
        FanoutReport.chartsFromJson(json, dir.resolve("img"));
        for (String png : List.of("fanout-latency.png", "fanout-hop.png", "fanout-throughput.png", "fanout-cpu.png")) {
            assertTrue(Files.size(dir.resolve("img").resolve(png)) > 0, png);
        }
    }

    @Test
    void chartsStillRenderFromAResultWrittenBeforeTheHopAndTheReps(@TempDir Path dir) throws Exception {
        Path old;
        try (Stream<Path> files = Files.list(Path.of("results/publish-as-decoded/quiet-after-1"))) {
            old = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        FanoutReport.chartsFromJson(old, dir);
        assertTrue(Files.size(dir.resolve("fanout-latency.png")) > 0);
    }

    private static FanoutScenario.Row row(String system, int clients, int rep, String saturated) {
        return new FanoutScenario.Row(
                system,
                clients,
                rep,
                50,
                30,
                3000,
                clients * 100.0,
                clients * 100.0,
                3000,
                0,
                100,
                150,
                200,
                250,
                260,
                clients,
                0,
                Map.of(),
                List.of(),
                40,
                150,
                3000,
                Map.of(),
                new Percentiles(60, 80, 120, 150, 160, 3000, 0, 0),
                "1.00 1.00 1.00",
                "1.00 1.00 1.00",
                0,
                saturated);
    }
}
