package io.tickwarden.bench.nats;

import io.tickwarden.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs {@link NatsBridge} in its own JVM on the bench's class path (so its CPU is sampled separately). */
public final class BridgeProcess implements AutoCloseable {

    private final Process process;

    public BridgeProcess(int redisPort, int natsPort, Path log) {
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                NatsBridge.class.getName(),
                String.valueOf(redisPort),
                String.valueOf(natsPort));
        try {
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.isAlive() ? process.pid() : -1;
    }

    @Override
    public void close() {
        Processes.terminate(process, Duration.ofSeconds(10));
    }
}
