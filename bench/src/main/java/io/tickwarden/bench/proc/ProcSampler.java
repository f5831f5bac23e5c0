package io.tickwarden.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Samples CPU (utime + stime from {@code /proc/<pid>/stat}) and RSS ({@code VmRSS} of {@code /proc/<pid>/status})
 * of named processes at a fixed interval while a scenario runs. A pid supplier (not a pid) so restarts are followed.
 * CPU is reported in percent of one core (200 % = both cores of this machine).
 */
public final class ProcSampler implements AutoCloseable {

    /** Clock ticks per second of /proc times; 100 on every Linux we run on (getconf CLK_TCK). */
    private static final double CLK_TCK = 100.0;

    public record Usage(
            String name, double cpuPercentAvg, double cpuPercentMax, double rssMbAvg, double rssMbMax, int samples) {}

    private final Map<String, LongSupplier> pids = new LinkedHashMap<>();
    private final Map<String, Acc> acc = new ConcurrentHashMap<>();
    private final long intervalMs;
    private Thread thread;
    private volatile boolean running;

    public ProcSampler(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    public ProcSampler track(String name, LongSupplier pid) {
        pids.put(name, pid);
        return this;
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("proc-sampler").start(this::loop);
    }

    private void loop() {
        while (running) {
            long now = System.nanoTime();
            pids.forEach((name, supplier) -> {
                long pid = supplier.getAsLong();
                if (pid > 0) {
                    acc.computeIfAbsent(name, n -> new Acc()).sample(pid, now);
                }
            });
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling and returns the usage per process, in tracking order. */
    public List<Usage> stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return pids.keySet().stream()
                .filter(acc::containsKey)
                .map(n -> acc.get(n).usage(n))
                .toList();
    }

    @Override
    public void close() {
        stop();
    }

    /** CPU ticks (utime + stime) of a process, or -1 if it is gone. */
    public static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may contain spaces: split after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident set size in KiB, or -1 if the process is gone. */
    public static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static final class Acc {
        long lastPid = -1;
        long lastTicks;
        long lastNanos;
        double cpuSum;
        double cpuMax;
        int cpuSamples;
        double rssSum;
        double rssMax;
        int rssSamples;

        synchronized void sample(long pid, long now) {
            long ticks = cpuTicks(pid);
            long rss = rssKb(pid);
            if (ticks >= 0 && pid == lastPid && now > lastNanos) {
                double pct = (ticks - lastTicks) / CLK_TCK / ((now - lastNanos) / 1e9) * 100.0;
                cpuSum += pct;
                cpuMax = Math.max(cpuMax, pct);
                cpuSamples++;
            }
            if (rss >= 0) {
                double mb = rss / 1024.0;
                rssSum += mb;
                rssMax = Math.max(rssMax, mb);
                rssSamples++;
            }
            lastPid = ticks >= 0 ? pid : -1;
            lastTicks = ticks;
            lastNanos = now;
        }

        synchronized Usage usage(String name) {
            return new Usage(
                    name,
                    cpuSamples == 0 ? 0 : cpuSum / cpuSamples,
                    cpuMax,
                    rssSamples == 0 ? 0 : rssSum / rssSamples,
                    rssMax,
                    cpuSamples);
        }
    }
}
