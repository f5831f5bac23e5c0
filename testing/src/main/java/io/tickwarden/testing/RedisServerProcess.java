package io.tickwarden.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} process on a loopback port, for tests. It can be killed (SIGKILL, like a crash)
 * and restarted on the same port, keeping its data (append-only file, fsync always) or starting empty.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Per test command: a reply takes milliseconds, but with {@code appendfsync always} every write waits for the
     * disk, which a busy machine can hold up for seconds.
     */
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private static final int REPLY_TIMEOUT_MS = 15_000;
    /** A free port is only free when it was picked: another process may bind it before redis-server does. */
    private static final int PORT_ATTEMPTS = 3;

    private final int port;
    private final Path dataDir;
    /** {@link #dataDir} as redis-server reports it ({@code CONFIG GET dir}: symbolic links resolved). */
    private final String realDataDir;

    private final List<String> extraArgs;

    private Process process;
    /** The port of the primary this server replicates ({@code --replicaof}), or null for a primary. */
    private Integer replicaOf;

    public RedisServerProcess(int port) {
        this(port, List.of());
    }

    /** A server with further {@code redis-server} arguments (e.g. replication settings for a Sentinel set). */
    public RedisServerProcess(int port, List<String> extraArgs) {
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
        try {
            this.dataDir = Files.createTempDirectory("tickwarden-redis-" + port + "-");
            this.realDataDir = dataDir.toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RedisServerProcess startOnFreePort() {
        for (int attempt = 1; ; attempt++) {
            RedisServerProcess redis = new RedisServerProcess(FreePorts.next());
            try {
                redis.start();
                return redis;
            } catch (IllegalStateException e) {
                redis.close();
                if (attempt >= PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://localhost:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts (or restarts) as a replica of the server on {@code primaryPort} on loopback, or as a primary when it is
     * null; takes effect at the next {@link #start()}.
     */
    public synchronized void replicaOf(Integer primaryPort) {
        this.replicaOf = primaryPort;
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                RedisServerBinary.resolve().toString(),
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dataDir.toString(),
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
                "--protected-mode",
                "no",
                "--daemonize",
                "no",
                "--loglevel",
                "warning"));
        if (replicaOf != null) {
            command.addAll(List.of("--replicaof", "127.0.0.1", String.valueOf(replicaOf)));
        }
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        awaitPing();
    }

    /** Kills the server like a crash (SIGKILL) and waits until it is gone. */
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

    /** Kills the server and starts it again on the same port, with its data or empty. */
    public synchronized void restart(boolean keepData) {
        kill();
        if (!keepData) {
            wipeData();
        }
        start();
    }

    /** Sends one command over RESP and returns the raw reply line; enough for test assertions. */
    public String command(String... args) {
        return command(port, args);
    }

    /** {@link #command(String...)} against any redis-server (or Sentinel) on a loopback port. */
    public static String command(int port, String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(REPLY_TIMEOUT_MS);
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.append('$')
                        .append(bytes.length)
                        .append("\r\n")
                        .append(arg)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("redis command " + args[0] + " failed on port " + port, e);
        }
    }

    private static String readReply(InputStream in) throws IOException {
        String line = readLine(in);
        if (line.startsWith("*")) {
            // An array: its elements, one a line.
            int count = Integer.parseInt(line.substring(1));
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < count; i++) {
                all.append(i == 0 ? "" : "\n").append(readReply(in));
            }
            return all.toString();
        }
        if (line.startsWith("$")) {
            int length = Integer.parseInt(line.substring(1));
            if (length < 0) {
                return null;
            }
            byte[] data = in.readNBytes(length + 2);
            return new String(data, 0, length, StandardCharsets.UTF_8);
        }
        return line;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "redis-server exited with " + process.exitValue() + "; see " + dataDir.resolve("redis.log"));
            }
            try {
                if ("+PONG".equals(command("PING"))) {
                    // Ours, not another redis-server that had the port first (ours then exits: bind failed).
                    if (!command("CONFIG", "GET", "dir").contains(realDataDir)) {
                        process.destroyForcibly();
                        throw new IllegalStateException("port " + port + " is taken by another redis-server");
                    }
                    return;
                }
            } catch (UncheckedIOException e) {
                last = e.getCause();
            }
            try {
                // Polling a just-started process: there is no event to wait on.
                process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port, last);
    }

    private void wipeData() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder())
                    .filter(p -> !p.equals(dataDir))
                    .filter(p -> !p.getFileName().toString().equals("redis.log"))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        kill();
        wipeData();
        dataDir.resolve("redis.log").toFile().delete();
        dataDir.toFile().delete();
    }
}
