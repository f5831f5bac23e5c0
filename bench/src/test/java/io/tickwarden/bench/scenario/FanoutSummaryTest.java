package io.tickwarden.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.bench.latency.Percentiles;
import io.tickwarden.bench.proc.ProcSampler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanoutSummaryTest {

    private static FanoutScenario.Row row(
            String system, int clients, int rep, double hopP50, double hopP99, String sat) {
        return new FanoutScenario.Row(
                system,
                clients,
                rep,
                50,
                30,
                3000,
                100,
                100,
                3000,
                0,
                hopP50 + 50,
                0,
                hopP99 + 50,
                0,
                0,
                clients,
                0,
                Map.of(),
                List.of(new ProcSampler.Usage(
                        system.equals("gateway") ? "gateway" : "nats-server", 40, 80, 300, 310, 30)),
                50,
                200,
                3000,
                Map.of(),
                new Percentiles(hopP50, 0, hopP99, 0, 0, 3000, 0, 0),
                "1.00 1.00 1.00",
                "2.00 1.00 1.00",
                0,
                sat);
    }

    @Test
    void mediansAndSpreadAreOverTheUnsaturatedRepsOnly() {
        List<FanoutScenario.Row> rows = List.of(
                row("gateway", 1000, 1, 50, 100, null),
                row("nats", 1000, 1, 100, 300, null),
                row("gateway", 1000, 2, 70, 140, null),
                row("nats", 1000, 2, 120, 200, "sim→Redis p99 900 ms > 500 ms"),
                row("gateway", 1000, 3, 60, 5000, "delivered 80.0 % of expected"),
                row("nats", 1000, 3, 140, 100, null));
        List<FanoutSummary.Point> points = FanoutSummary.points(rows);
        assertEquals(2, points.size());
        FanoutSummary.Point gw = points.get(0);
        assertEquals("gateway", gw.system());
        assertEquals(3, gw.reps());
        assertEquals(2, gw.unsaturated());
        FanoutSummary.Spread p99 = gw.figures().get("hop_p99_ms");
        assertEquals(120, p99.median(), 1e-9); // (100 + 140) / 2; the saturated 5000 is left out
        assertEquals(100, p99.min(), 1e-9);
        assertEquals(140, p99.max(), 1e-9);
        assertEquals(2, p99.n());
        assertEquals(80, gw.median("server_cpu_pct") * 2, 1e-9);

        FanoutSummary.Verdict v = FanoutSummary.verdicts(points).get(0);
        assertEquals(1000, v.clients());
        assertEquals(120.0 / 200.0, v.hopP99Ratio(), 1e-9); // NATS: (300 + 100) / 2
        assertEquals(60.0 / 120.0, v.hopP50Ratio(), 1e-9); // gateway (50 + 70) / 2, NATS (100 + 140) / 2
        assertEquals(2, v.gatewayReps());
        assertEquals(2, v.natsReps());
        assertEquals("", v.note());
    }

    @Test
    void aPointWithEveryRepSaturatedIsNotCompared() {
        List<FanoutScenario.Row> rows =
                List.of(row("gateway", 2000, 1, 50, 100, null), row("nats", 2000, 1, 100, 300, "saturated"));
        FanoutSummary.Verdict v =
                FanoutSummary.verdicts(FanoutSummary.points(rows)).get(0);
        assertTrue(Double.isNaN(v.hopP99Ratio()));
        assertTrue(v.note().startsWith("not compared"), v.note());
    }

    @Test
    void oddCountMedianIsTheMiddleValue() {
        FanoutSummary.Spread s = FanoutSummary.Spread.of(List.of(3.0, 1.0, Double.NaN, 2.0));
        assertEquals(2.0, s.median());
        assertEquals(3, s.n());
    }

    @Test
    void saturationReasons() {
        assertNull(FanoutSaturation.reason(480, 99_900, 100_000, 0, 500));
        assertTrue(FanoutSaturation.reason(648, 99_900, 100_000, 0, 500).contains("sim→Redis p99 648"));
        assertTrue(FanoutSaturation.reason(200, 97_300, 100_000, 0, 500).contains("97.3 %"));
        assertTrue(FanoutSaturation.reason(200, 100_000, 100_000, 2, 500).contains("leadership"));
        assertTrue(FanoutSaturation.reason(Double.NaN, 100_000, 100_000, 0, 500).contains("no sim→Redis"));
    }

    @Test
    void leaseChangesCountEventsPerReplicaAndARestartedReplica() {
        assertEquals(0, FanoutPhase.leaseChanges(Map.of("a", 1.0, "b", 0.0), Map.of("a", 1.0, "b", 0.0)));
        assertEquals(2, FanoutPhase.leaseChanges(Map.of("a", 1.0, "b", 0.0), Map.of("a", 2.0, "b", 1.0)));
        assertEquals(3, FanoutPhase.leaseChanges(Map.of("a", 3.0), Map.of("a", 0.0)));
    }
}
