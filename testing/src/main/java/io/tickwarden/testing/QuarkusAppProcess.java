package io.tickwarden.testing;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One of our packaged Quarkus apps ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as a real
 * child process on a given port, configured by system properties and/or environment variables (as demo.sh and the
 * containers do). Tests of one service use it to talk to another over real HTTP and WebSocket, the bench uses it
 * to run the whole system. The reactor builds modules in order, so the jar exists by then. Restarts append to the
 * same log file.
 */
public final class QuarkusAppProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> properties;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;
    private long starts;

    public QuarkusAppProcess(String module, int port, Map<String, String> properties) {
        this(module, locateJar(module), port, properties, Map.of(), List.of("-Xmx256m"), tempLog(module));
    }

    public QuarkusAppProcess(
            String name,
            Path jar,
            int port,
            Map<String, String> properties,
            Map<String, String> env,
            List<String> jvmOptions,
            Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.properties = Map.copyOf(properties);
        this.env = new LinkedHashMap<>(env);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = log;
    }

    /** Starts {@code module} on a free port and waits until its readiness probe is UP. */
    public static QuarkusAppProcess start(String module, Map<String, String> properties) {
        QuarkusAppProcess app = new QuarkusAppProcess(module, FreePorts.next(), properties);
        app.start();
        return app;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path logFile() {
        return log;
    }

    /** How many times this process has been started. */
    public synchronized long starts() {
        return starts;
    }

    /** Starts the process (if not running) and waits for readiness; killed if it is not ready in 60 s. */
    public synchronized void start() {
        start(READY_TIMEOUT);
    }

    /**
     * Starts the process (if not running) and waits up to {@code timeout} for {@code /q/health/ready}; a zero
     * timeout does not wait (for an app whose readiness depends on something still down).
     */
    public synchronized void start(Duration timeout) {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        starts++;
        if (!timeout.isZero()) {
            awaitReady(timeout);
        }
    }

    /** SIGTERM, waiting for a clean shutdown. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Processes.terminate(process, Duration.ofSeconds(20));
        process = null;
    }

    /** SIGKILL, like a crash. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Whether {@code /q/health/ready} answers 200 right now. */
    public boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
            }
            if (ready()) {
                return;
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        kill();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; log: " + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static Path tempLog(String module) {
        try {
            return Files.createTempFile("tickwarden-" + module + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged jar of {@code module}, searched upwards from the working directory. */
    public static Optional<Path> findJar(String module) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (Files.isRegularFile(jar)) {
                return Optional.of(jar);
            }
        }
        return Optional.empty();
    }

    static Path locateJar(String module) {
        return findJar(module)
                .orElseThrow(() -> new IllegalStateException(
                        "No packaged " + module + " found above " + Path.of("").toAbsolutePath()
                                + "; build it first (./mvnw -pl " + module + " package -DskipTests)"));
    }

    @Override
    public void close() {
        stop();
    }
}
