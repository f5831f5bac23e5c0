package io.tickwarden.bench.soak;

import io.tickwarden.bench.client.RecoveryLedger;
import io.tickwarden.bench.report.MarkdownTable;
import java.util.List;

/** The soak's Markdown report: per fault kind, visibility and recovery; memory; violations and observations. */
final class SoakReport {

    private SoakReport() {}

    static String markdown(FaultSoak.Outcome o) {
        MarkdownTable t = new MarkdownTable(
                "fault kind",
                "injected",
                "visible <= 3 s",
                "visible p50 ms",
                "recovered",
                "recovery p50 ms",
                "recovery max ms");
        for (String kind : o.counts().keySet()) {
            List<FaultSoak.FaultRecord> rs =
                    o.faults().stream().filter(f -> f.kind().equals(kind)).toList();
            long visibleOk = rs.stream()
                    .filter(f -> f.visibleMs() != null && f.visibleMs() <= FaultSoak.VISIBLE_WITHIN_MS)
                    .count();
            double[] vis = rs.stream()
                    .filter(f -> f.visibleMs() != null)
                    .mapToDouble(FaultSoak.FaultRecord::visibleMs)
                    .sorted()
                    .toArray();
            double[] rec = rs.stream()
                    .filter(f -> f.recoveredMs() != null)
                    .mapToDouble(FaultSoak.FaultRecord::recoveredMs)
                    .sorted()
                    .toArray();
            boolean benign = rs.stream().noneMatch(FaultSoak.FaultRecord::expectVisible);
            t.row(
                    kind,
                    rs.size(),
                    benign
                            ? "n/a (benign)"
                            : visibleOk + "/"
                                    + rs.stream()
                                            .filter(FaultSoak.FaultRecord::expectVisible)
                                            .count(),
                    vis.length == 0 ? Double.NaN : vis[vis.length / 2],
                    rs.stream().filter(FaultSoak.FaultRecord::recovered).count() + "/" + rs.size(),
                    rec.length == 0 ? Double.NaN : rec[rec.length / 2],
                    rec.length == 0 ? Double.NaN : rec[rec.length - 1]);
        }
        StringBuilder sb = new StringBuilder("## Fault soak: ")
                .append(o.passed() ? "PASSED" : "FAILED")
                .append("\n\n")
                .append(t.render())
                .append("\n");
        sb.append("- control (no fault): ")
                .append(o.controlProblems())
                .append(" of ")
                .append(o.controlReadings())
                .append(" health readings showed a problem\n");
        sb.append("- fuzzed messages: ")
                .append(o.fuzzMessages())
                .append(" (error answers: ")
                .append(o.fuzzErrorsAnswered())
                .append(")\n");
        sb.append("- max upstream sockets at the sim: ")
                .append(o.maxUpstreamSockets())
                .append("\n");
        MarkdownTable mem = new MarkdownTable("process", "RSS first MB", "RSS last MB", "RSS max MB");
        o.maxRssMb().keySet().stream()
                .sorted()
                .forEach(k -> mem.row(
                        k,
                        o.firstRssMb().getOrDefault(k, Double.NaN),
                        o.lastRssMb().getOrDefault(k, Double.NaN),
                        o.maxRssMb().get(k)));
        sb.append("\n").append(mem.render()).append("\n");
        if (o.recovery() != null && !o.recovery().isEmpty()) {
            MarkdownTable rec = new MarkdownTable(
                    "client",
                    "ticks",
                    "symbols recovered",
                    "ticks replayed",
                    "not recovered (reason)",
                    "missed (during)",
                    "duplicates");
            for (int i = 0; i < o.recovery().size(); i++) {
                RecoveryLedger.Summary r = o.recovery().get(i);
                rec.row(
                        i,
                        r.ticks(),
                        r.recovered(),
                        r.replayed(),
                        r.notRecovered().isEmpty() ? "-" : r.notRecovered().toString(),
                        r.missed() == 0 ? "0" : r.missed() + " " + r.missedDuring(),
                        r.duplicates());
            }
            sb.append("\n### Clients (Java client, delivery=all, recovery by position)\n\n")
                    .append(rec.render())
                    .append("\n");
        }
        sb.append("- secrets found in logs: ").append(o.secretFindings().size()).append("\n");
        if (!o.violations().isEmpty()) {
            sb.append("\n### Violations\n\n");
            o.violations().forEach(v -> sb.append("- ").append(v).append("\n"));
        }
        if (!o.observations().isEmpty()) {
            sb.append("\n### Observations\n\n");
            o.observations().forEach(v -> sb.append("- ").append(v).append("\n"));
        }
        return sb.toString();
    }
}
