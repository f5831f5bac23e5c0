package io.tickwarden.bench.scenario;

import io.tickwarden.bench.proc.ProcSampler;
import io.tickwarden.bench.system.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One timed start of a packaged app: spawn the JVM in the app's directory (so a relative {@code -XX:AOTCache=app.aot}
 * resolves as it does in demo.sh and the images), poll {@code /q/health/ready} every few milliseconds until it
 * answers 200, leave the app idle, read VmRSS, then SIGTERM it and wait for the exit. Not QuarkusAppProcess: that one
 * polls every 100 ms, too coarse for a 1.5 s target.
 */
final class StartupProbe {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9]+(?:\\.[0-9]+)?)s");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    record Result(
            double readyMs, double quarkusStartedMs, double cpuMsToReady, double idleRssMb, double idleRssAnonMb) {}

    /** /proc times are in clock ticks of 10 ms (CLK_TCK 100 on every Linux we run on). */
    private static final double MS_PER_TICK = 10.0;

    private final Path java;
    private final Duration pollEvery;
    private final Duration idle;
    private final Duration readyTimeout;

    StartupProbe(Path java, Duration pollEvery, Duration idle, Duration readyTimeout) {
        this.java = java;
        this.pollEvery = pollEvery;
        this.idle = idle;
        this.readyTimeout = readyTimeout;
    }

    /** Starts the app in {@code appDir} on {@code port}, appending its output to {@code log}. */
    Result run(Path appDir, List<String> jvmArgs, int port, Map<String, String> env, Path log) {
        return run(appDir, jvmArgs, port, env, log, Duration.ofSeconds(20));
    }

    /**
     * One start that records a JDK AOT cache ({@code -XX:AOTCacheOutput}): up to ready, the idle wait, then SIGTERM;
     * the JVM writes the cache as it exits, which takes far longer than a plain exit, hence the long wait.
     */
    Result train(Path appDir, List<String> jvmArgs, int port, Map<String, String> env, Path log) {
        return run(appDir, jvmArgs, port, env, log, Duration.ofSeconds(240));
    }

    private Result run(
            Path appDir, List<String> jvmArgs, int port, Map<String, String> env, Path log, Duration exitWait) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-jar");
        command.add("quarkus-run.jar");
        long logStart = size(log);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(appDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        long t0 = System.nanoTime();
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            double readyMs = awaitReady(p, ready, t0);
            double cpuMs = ProcSampler.cpuTicks(p.pid()) * MS_PER_TICK;
            Waits.sleep(idle);
            double rssMb = ProcSampler.rssKb(p.pid()) / 1024.0;
            double anonMb = statusKb(p.pid(), "RssAnon:") / 1024.0;
            stop(p, exitWait);
            return new Result(readyMs, quarkusStarted(log, logStart), cpuMs, rssMb, anonMb);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private double awaitReady(Process p, URI ready, long t0) {
        long deadline = t0 + readyTimeout.toNanos();
        HttpRequest request =
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("exited with " + p.exitValue() + " before it was ready");
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - t0) / 1e6;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Waits.sleep(pollEvery);
        }
        throw new IllegalStateException("not ready within " + readyTimeout);
    }

    /** SIGTERM and a clean exit (the next start reuses the port); SIGKILL after {@code exitWait}. */
    private static void stop(Process p, Duration exitWait) {
        p.destroy();
        try {
            if (!p.waitFor(exitWait.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Quarkus's own "started in 1.234s", from this start's part of the log; NaN when absent. */
    static double quarkusStarted(Path log, long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            String mine = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from));
            Matcher m = STARTED.matcher(mine);
            return m.find() ? Double.parseDouble(m.group(1)) * 1000 : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** One {@code kB} line of /proc/<pid>/status; NaN if absent. */
    private static double statusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static long size(Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
