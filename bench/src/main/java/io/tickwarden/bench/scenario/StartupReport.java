package io.tickwarden.bench.scenario;

import io.tickwarden.bench.report.MarkdownTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The startup scenario's figures: one {@link Sample} per start, summarised per app and variant as median, min and
 * max of the time to ready and of the idle RSS. Pure logic (no processes), so it is unit-tested.
 */
public final class StartupReport {

    /**
     * One start: {@code readyMs} from just before the spawn to the first 200 of {@code /q/health/ready};
     * {@code quarkusStartedMs} is what Quarkus itself logs ("started in"), NaN when the log has no such line;
     * {@code cpuMsToReady} is the CPU time (user + system, all threads) the JVM had used when it was ready: on a
     * shared machine it moves far less than the wall time; {@code idleRssMb} is VmRSS after the idle wait, and
     * {@code idleRssAnonMb} its anonymous part (heap, metaspace, code, thread stacks; the rest is mapped files such as
     * the jars, libjvm and the AOT cache, which the kernel can drop and processes share).
     */
    public record Sample(
            String app,
            String variant,
            int rep,
            double readyMs,
            double quarkusStartedMs,
            double cpuMsToReady,
            double idleRssMb,
            double idleRssAnonMb) {}

    /** Median, min and max of one figure. */
    public record Stat(double median, double min, double max) {

        static Stat of(List<Double> values) {
            List<Double> v =
                    values.stream().filter(d -> !Double.isNaN(d)).sorted().toList();
            if (v.isEmpty()) {
                return new Stat(Double.NaN, Double.NaN, Double.NaN);
            }
            return new Stat(StartupReport.median(v), v.getFirst(), v.getLast());
        }
    }

    /** One app under one variant. */
    public record Summary(
            String app,
            String variant,
            int starts,
            Stat readyMs,
            Stat quarkusStartedMs,
            Stat cpuMsToReady,
            Stat idleRssMb,
            Stat idleRssAnonMb) {}

    private final List<Sample> samples = new ArrayList<>();

    public synchronized void add(Sample s) {
        samples.add(s);
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Median of an already sorted list: the middle value, or the mean of the two middle ones. */
    static double median(List<Double> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** Per app (in first-seen order), per variant (in first-seen order). */
    public synchronized List<Summary> summaries() {
        Map<String, Map<String, List<Sample>>> byApp = new LinkedHashMap<>();
        for (Sample s : samples) {
            byApp.computeIfAbsent(s.app(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(s.variant(), v -> new ArrayList<>())
                    .add(s);
        }
        List<Summary> out = new ArrayList<>();
        byApp.forEach((app, variants) -> variants.forEach((variant, list) -> out.add(new Summary(
                app,
                variant,
                list.size(),
                Stat.of(list.stream().map(Sample::readyMs).toList()),
                Stat.of(list.stream().map(Sample::quarkusStartedMs).toList()),
                Stat.of(list.stream().map(Sample::cpuMsToReady).toList()),
                Stat.of(list.stream().map(Sample::idleRssMb).toList()),
                Stat.of(list.stream().map(Sample::idleRssAnonMb).toList())))));
        return out;
    }

    /**
     * The Markdown result: one row per app and variant, then the variants' JVM flags and the targets the issue
     * sets (1.5 s, 150 MB), marked per row.
     */
    public String markdown(
            Map<String, Object> header, Map<String, String> variantFlags, double targetMs, double targetMb) {
        StringBuilder md = new StringBuilder("# Start to ready and idle RSS\n\n");
        header.forEach(
                (k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append('\n');
        MarkdownTable t = new MarkdownTable(
                "app",
                "variant",
                "starts",
                "ready ms median",
                "min",
                "max",
                "Quarkus 'started in' ms median",
                "CPU ms to ready median",
                "idle RSS MB median",
                "min",
                "max",
                "of it anonymous MB median",
                "target (" + MarkdownTable.format(targetMs) + " ms, " + MarkdownTable.format(targetMb) + " MB)");
        for (Summary s : summaries()) {
            boolean met = s.readyMs().median() <= targetMs && s.idleRssMb().median() <= targetMb;
            t.row(
                    s.app(),
                    s.variant(),
                    s.starts(),
                    s.readyMs().median(),
                    s.readyMs().min(),
                    s.readyMs().max(),
                    s.quarkusStartedMs().median(),
                    s.cpuMsToReady().median(),
                    s.idleRssMb().median(),
                    s.idleRssMb().min(),
                    s.idleRssMb().max(),
                    s.idleRssAnonMb().median(),
                    met ? "met" : "missed");
        }
        md.append(t.render()).append('\n');
        md.append("Variants (JVM flags as started):\n\n");
        variantFlags.forEach((name, flags) ->
                md.append("- `").append(name).append("`: `").append(flags).append("`\n"));
        return md.toString();
    }

    /** The whole run as JSON-ready maps: the summaries and every sample. */
    public Map<String, Object> json(Map<String, Object> header, Map<String, String> variantFlags) {
        Map<String, Object> out = new LinkedHashMap<>(header);
        out.put("variants", variantFlags);
        out.put("summaries", summaries());
        out.put(
                "samples",
                samples().stream()
                        .sorted(Comparator.comparing(Sample::app)
                                .thenComparing(Sample::rep)
                                .thenComparing(Sample::variant))
                        .toList());
        return out;
    }
}
