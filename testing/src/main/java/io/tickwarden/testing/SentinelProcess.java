package io.tickwarden.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** One Sentinel: {@code redis-server <conf> --sentinel} with a generated, writable sentinel.conf. */
final class SentinelProcess {

    final int port;
    private final Path dir;
    private Process process;

    SentinelProcess(int port, int primaryPort) {
        this.port = port;
        try {
            this.dir = Files.createTempDirectory("tickwarden-sentinel-" + port + "-");
            // Sentinel rewrites its config file (the epoch, what it learnt), so it must be its own and writable.
            Files.writeString(
                    dir.resolve("sentinel.conf"),
                    String.join(
                            "\n",
                            "port " + port,
                            "bind 127.0.0.1",
                            "protected-mode no",
                            "daemonize no",
                            "dir " + dir,
                            "logfile " + dir.resolve("sentinel.log"),
                            "sentinel monitor " + RedisSentinelSet.MASTER_NAME + " 127.0.0.1 " + primaryPort + " "
                                    + RedisSentinelSet.QUORUM,
                            "sentinel down-after-milliseconds " + RedisSentinelSet.MASTER_NAME + " "
                                    + RedisSentinelSet.DOWN_AFTER_MS,
                            "sentinel failover-timeout " + RedisSentinelSet.MASTER_NAME + " "
                                    + RedisSentinelSet.FAILOVER_TIMEOUT_MS,
                            "sentinel parallel-syncs " + RedisSentinelSet.MASTER_NAME + " 1",
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start() {
        try {
            process = new ProcessBuilder(
                            RedisServerBinary.resolve().toString(),
                            dir.resolve("sentinel.conf").toString(),
                            "--sentinel")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a Sentinel", e);
        }
        RedisSentinelSet.await(Duration.ofSeconds(20), "Sentinel answering PING on port " + port, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Sentinel on port " + port + " exited with " + process.exitValue()
                        + "; see " + dir.resolve("sentinel.log"));
            }
            try {
                return "+PONG".equals(RedisServerProcess.command(port, "PING"));
            } catch (UncheckedIOException e) {
                return false;
            }
        });
    }

    void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp dir left behind is harmless.
        }
    }
}
