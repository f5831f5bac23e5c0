package io.tickwarden.bench.proc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code jcmd <pid> GC.run}: a full GC before an RSS reading so memory per connection is not garbage; and
 * {@code GC.heap_info} for the live heap after it (RSS also moves with how much heap the JVM keeps committed).
 */
public final class Jcmd {

    private Jcmd() {}

    /** Heap in use in KB as {@code GC.heap_info} reports it (after a {@link #gc}: the live heap), or -1. */
    public static long heapUsedKb(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd) || pid <= 0) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                return -1;
            }
            // The first line names the collector: "... heap   total reserved 262144K, committed 65536K, used 23456K
            // ..."
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("used (\\d+)K").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    public static boolean gc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd) || pid <= 0) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
