package io.tickwarden.bench.soak;

import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.Waits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Before any fault: how often does a healthy system's health report show a problem anyway? Those blips would
 * otherwise pass for faults being seen (the visibility check needs two readings in a row for that reason).
 */
final class ControlPhase {

    /** Readings taken, how many showed a problem, and the problems (numbers masked) with their counts. */
    record Result(Duration length, int readings, int problems, Map<String, Integer> reasons) {

        String summary() {
            return "control (no fault) for " + length + ": " + problems + " of " + readings
                    + " health readings showed a problem " + reasons;
        }

        Optional<String> observation() {
            return problems == 0
                    ? Optional.empty()
                    : Optional.of("with no fault injected, " + problems + " of " + readings
                            + " health readings (every 100 ms) showed a problem: " + reasons);
        }
    }

    private ControlPhase() {}

    static Result run(Cluster cluster, Duration length) {
        Waits.until(
                Duration.ofSeconds(60),
                250,
                () -> HealthProbe.healthy(cluster.http().get(cluster.gatewayUrl() + "/api/system/health")));
        Map<String, Integer> reasons = new LinkedHashMap<>();
        int readings = 0;
        int problems = 0;
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            String p = HealthProbe.problem(cluster.http().get(cluster.gatewayUrl() + "/api/system/health"), null);
            readings++;
            if (p != null) {
                problems++;
                reasons.merge(p.replaceAll("[0-9.]+", "#"), 1, Integer::sum);
            }
            Waits.sleep(100);
        }
        return new Result(length, readings, problems, reasons);
    }
}
