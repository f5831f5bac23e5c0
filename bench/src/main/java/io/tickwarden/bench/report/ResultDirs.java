package io.tickwarden.bench.report;

import io.tickwarden.bench.BenchArgs;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a run writes. {@code out} (default {@code bench/results/<scenario>-<stamp>/}) gets only what can be
 * committed: the JSON and Markdown results and the PNG charts. {@code work} (default
 * {@code bench/target/work/<scenario>-<stamp>/}) gets the rest: app logs, the send log, copies of the apps.
 */
public record ResultDirs(Path out, Path work) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'");

    /** {@code --out} and {@code --work} if given, else the defaults above with one stamp for both. */
    public static ResultDirs of(BenchArgs args, String scenario) {
        String name = scenario + "-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path out = args.path("out", Path.of("bench/results", name)).toAbsolutePath();
        Path work = args.path("work", Path.of("bench/target/work", name)).toAbsolutePath();
        return new ResultDirs(out, work);
    }
}
