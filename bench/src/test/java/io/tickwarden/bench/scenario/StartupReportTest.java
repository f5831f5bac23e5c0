package io.tickwarden.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupReportTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, StartupReport.median(List.of(1.0, 2.0, 9.0)));
        assertEquals(2.5, StartupReport.median(List.of(1.0, 2.0, 3.0, 100.0)));
        assertTrue(Double.isNaN(StartupReport.median(List.of())));
    }

    @Test
    void summarisesPerAppAndVariantInFirstSeenOrderIgnoringMissingFigures() {
        StartupReport r = new StartupReport();
        r.add(new StartupReport.Sample("gateway", "before", 1, 3000, 2100, 1000, 210, 90));
        r.add(new StartupReport.Sample("gateway", "after", 1, 1200, Double.NaN, 1000, 140, 90));
        r.add(new StartupReport.Sample("gateway", "before", 2, 3400, 2300, 1000, 212, 90));
        r.add(new StartupReport.Sample("gateway", "after", 2, 1000, 600, 1000, 150, 90));
        r.add(new StartupReport.Sample("gateway", "before", 3, 3200, 2200, 1000, 208, 90));

        List<StartupReport.Summary> s = r.summaries();

        assertEquals(2, s.size());
        StartupReport.Summary before = s.get(0);
        assertEquals("before", before.variant());
        assertEquals(3, before.starts());
        assertEquals(new StartupReport.Stat(3200, 3000, 3400), before.readyMs());
        assertEquals(new StartupReport.Stat(210, 208, 212), before.idleRssMb());
        StartupReport.Summary after = s.get(1);
        assertEquals(new StartupReport.Stat(1100, 1000, 1200), after.readyMs());
        // The start whose log had no "started in" line does not count as zero.
        assertEquals(new StartupReport.Stat(600, 600, 600), after.quarkusStartedMs());
    }

    @Test
    void markdownMarksTheTargetPerRow() {
        StartupReport r = new StartupReport();
        r.add(new StartupReport.Sample("kite-sim", "before", 1, 3000, 2000, 1000, 180, 90));
        r.add(new StartupReport.Sample("kite-sim", "after", 1, 900, 500, 1000, 120, 90));

        String md = r.markdown(Map.of("jdk", "25"), Map.of("after", "-Xmx256m"), 1500, 150);

        assertTrue(md.contains("| kite-sim | before | 1 | 3,000 | 3,000 | 3,000 | 2,000 | 1,000 | 180 |"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| kite-sim | before") && l.endsWith("| missed |")), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| kite-sim | after") && l.endsWith("| met |")), md);
        assertTrue(md.contains("- `after`: `-Xmx256m`"), md);
    }

    @Test
    void readsQuarkusStartedTimeFromThisStartsPartOfTheLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("app.log");
        String first =
                "INFO [io.quarkus] gateway 1.0.0-SNAPSHOT on JVM (powered by Quarkus 3.32.1) started in 2.345s.\n";
        Files.writeString(log, first);
        long from = Files.size(log);
        Files.writeString(
                log,
                "INFO [io.quarkus] gateway 1.0.0-SNAPSHOT on JVM (powered by Quarkus 3.32.1) started in 0.812s.\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertEquals(812.0, StartupProbe.quarkusStarted(log, from), 1e-9);
        assertEquals(2345.0, StartupProbe.quarkusStarted(log, 0), 1e-9);
        assertTrue(Double.isNaN(StartupProbe.quarkusStarted(log, Files.size(log))));
    }
}
