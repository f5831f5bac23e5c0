package io.tickwarden.bench.system;

import io.tickwarden.testing.RedisServerProcess;

/**
 * The harness' real redis-server (append-only, fsync always, so a kill and restart keeps the token and the state
 * keys like a production Redis with persistence would) plus the pid the sampler needs, which the harness hides.
 */
public final class RedisProcess {

    private final RedisServerProcess redis;

    public RedisProcess(int port) {
        this.redis = new RedisServerProcess(port);
    }

    public void start() {
        redis.start();
    }

    public void kill() {
        redis.kill();
    }

    public boolean isRunning() {
        return redis.isRunning();
    }

    public int port() {
        return redis.port();
    }

    public String url() {
        return "redis://127.0.0.1:" + redis.port();
    }

    public String command(String... args) {
        return redis.command(args);
    }

    /** The redis-server listening on our port, found by its command line in /proc (the harness hides its pid). */
    public long pid() {
        if (!redis.isRunning()) {
            return -1;
        }
        long cached = cachedPid;
        if (cached > 0 && java.nio.file.Files.exists(java.nio.file.Path.of("/proc/" + cached))) {
            return cached;
        }
        cachedPid = find();
        return cachedPid;
    }

    private volatile long cachedPid = -1;

    private long find() {
        // redis-server rewrites its process title to "redis-server 127.0.0.1:<port>", so match either form.
        String needle = "--port\0" + redis.port() + "\0";
        String title = ":" + redis.port();
        try (var dirs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            return dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(d -> {
                        try {
                            String cmd = new String(java.nio.file.Files.readAllBytes(d.resolve("cmdline")));
                            return cmd.contains("redis-server") && (cmd.contains(needle) || cmd.contains(title));
                        } catch (java.io.IOException | RuntimeException e) {
                            return false;
                        }
                    })
                    .mapToLong(d -> Long.parseLong(d.getFileName().toString()))
                    .findFirst()
                    .orElse(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    public void close() {
        redis.close();
    }
}
