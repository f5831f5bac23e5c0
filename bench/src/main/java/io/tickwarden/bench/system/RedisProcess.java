package io.tickwarden.bench.system;

import io.tickwarden.testing.RedisSentinelSet;
import io.tickwarden.testing.RedisServerProcess;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The harness' real redis-server (append-only, fsync always, so a kill and restart keeps the token and the state
 * keys like a production Redis with persistence would) plus the pid the sampler needs, which the harness hides. In
 * Sentinel mode ({@link #sentinel()}) it is a {@link RedisSentinelSet} instead, and stands for its current primary:
 * {@link #kill()} SIGKILLs the primary (a failover follows), {@link #start()} brings the killed node back as a
 * replica.
 */
public final class RedisProcess {

    private final RedisServerProcess standalone;
    private RedisSentinelSet set;
    private RedisServerProcess killed;

    public RedisProcess(int port) {
        this.standalone = new RedisServerProcess(port);
    }

    private RedisProcess() {
        this.standalone = null;
    }

    /** A Sentinel set (primary, replica, three Sentinels), started by {@link #start()}. */
    public static RedisProcess sentinel() {
        return new RedisProcess();
    }

    public boolean sentinelMode() {
        return standalone == null;
    }

    /** The Sentinel set, in Sentinel mode once started. */
    public RedisSentinelSet sentinelSet() {
        if (set == null) {
            throw new IllegalStateException("not a started Sentinel set");
        }
        return set;
    }

    private RedisServerProcess redis() {
        return standalone != null ? standalone : sentinelSet().primary();
    }

    public synchronized void start() {
        if (standalone != null) {
            standalone.start();
        } else if (set == null) {
            set = RedisSentinelSet.start();
        } else if (killed != null) {
            // As a replica of the promoted node: wait for the promotion, else it would replicate from itself.
            set.awaitPromotion(killed.port(), java.time.Duration.ofSeconds(60));
            set.restart(killed);
            killed = null;
        }
    }

    public synchronized void kill() {
        if (standalone != null) {
            standalone.kill();
        } else {
            killed = set.killPrimary();
        }
    }

    public boolean isRunning() {
        return redis().isRunning();
    }

    public int port() {
        return redis().port();
    }

    /** In Sentinel mode the Sentinels' addresses, comma-separated, as REDIS_URL lists them. */
    public String url() {
        if (standalone == null) {
            return String.join(",", sentinelSet().sentinelUrls()).replace("localhost", "127.0.0.1");
        }
        return "redis://127.0.0.1:" + standalone.port();
    }

    /** What a service needs to find this Redis: REDIS_URL, and in Sentinel mode the client type and set name. */
    public Map<String, String> clientEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("REDIS_URL", url());
        if (standalone == null) {
            env.put("QUARKUS_REDIS_CLIENT_TYPE", "sentinel");
            env.put("QUARKUS_REDIS_MASTER_NAME", RedisSentinelSet.MASTER_NAME);
            env.put("QUARKUS_REDIS_ROLE", "master");
        }
        return env;
    }

    public String command(String... args) {
        return redis().command(args);
    }

    /** The redis-server listening on our port, found by its command line in /proc (the harness hides its pid). */
    public long pid() {
        RedisServerProcess redis = redis();
        if (!redis.isRunning()) {
            return -1;
        }
        long cached = cachedPid;
        if (cached > 0 && java.nio.file.Files.exists(java.nio.file.Path.of("/proc/" + cached))) {
            return cached;
        }
        cachedPid = find(redis.port());
        return cachedPid;
    }

    private volatile long cachedPid = -1;

    private static long find(int port) {
        // redis-server rewrites its process title to "redis-server 127.0.0.1:<port>", so match either form.
        String needle = "--port\0" + port + "\0";
        String title = ":" + port;
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
        if (standalone != null) {
            standalone.close();
        } else if (set != null) {
            set.close();
        }
    }
}
