package io.tickwarden.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Redis primary, one replica and three Sentinels as real processes on free loopback ports (the same
 * {@code redis-server} binary; Sentinels run it with {@code --sentinel}), with short failover settings: a primary
 * unreachable for {@link #DOWN_AFTER_MS} is down, a quorum of 2 promotes the replica. Tests find the current
 * primary, SIGKILL it, bring the old one back (as a replica of the new primary) and wait until the set is healthy
 * again. Clients connect in Sentinel mode: {@link #sentinelUrls()} and {@link #MASTER_NAME}.
 */
public final class RedisSentinelSet implements AutoCloseable {

    public static final String MASTER_NAME = "tickwarden";
    public static final int DOWN_AFTER_MS = 1_000;
    /**
     * Also the pause before the same Sentinels may fail the set over again (twice this), so repeated failovers
     * (the bench) must wait that long; small, but above what a promotion takes on a loaded machine.
     */
    public static final int FAILOVER_TIMEOUT_MS = 3_000;

    static final int QUORUM = 2;
    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(60);
    /** Replication settings: a full sync starts at once (no 5 s diskless delay) and a replica serves while syncing. */
    private static final List<String> DATA_NODE_ARGS = List.of("--repl-diskless-sync-delay", "0");

    private final List<RedisServerProcess> nodes = new ArrayList<>();
    private final List<SentinelProcess> sentinels = new ArrayList<>();

    private RedisSentinelSet() {}

    /** Starts the primary, the replica and the Sentinels, and waits until every Sentinel sees the whole set. */
    public static RedisSentinelSet start() {
        RedisSentinelSet set = new RedisSentinelSet();
        try {
            RedisServerProcess primary = new RedisServerProcess(FreePorts.next(), DATA_NODE_ARGS);
            set.nodes.add(primary);
            primary.start();
            RedisServerProcess replica = new RedisServerProcess(FreePorts.next(), DATA_NODE_ARGS);
            set.nodes.add(replica);
            replica.replicaOf(primary.port());
            replica.start();
            for (int i = 0; i < 3; i++) {
                SentinelProcess sentinel = new SentinelProcess(FreePorts.next(), primary.port());
                set.sentinels.add(sentinel);
                sentinel.start();
            }
            set.awaitHealthy();
            return set;
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    /** The Sentinels' addresses, {@code redis://localhost:<port>} each, for {@code quarkus.redis.hosts}. */
    public List<String> sentinelUrls() {
        return sentinels.stream().map(s -> "redis://localhost:" + s.port).toList();
    }

    public List<Integer> sentinelPorts() {
        return sentinels.stream().map(s -> s.port).toList();
    }

    /** Both data nodes, primary or replica, in the order they were first started. */
    public List<RedisServerProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** The port of the primary as the Sentinels report it ({@code SENTINEL get-master-addr-by-name}). */
    public int primaryPort() {
        RuntimeException last = null;
        for (SentinelProcess sentinel : sentinels) {
            try {
                String reply =
                        RedisServerProcess.command(sentinel.port, "SENTINEL", "get-master-addr-by-name", MASTER_NAME);
                return Integer.parseInt(reply.split("\n")[1].trim());
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no Sentinel answered get-master-addr-by-name", last);
    }

    /** The data node the Sentinels report as primary. */
    public RedisServerProcess primary() {
        return node(primaryPort());
    }

    /** The data node that is not the reported primary. */
    public RedisServerProcess replica() {
        int primary = primaryPort();
        return nodes.stream().filter(n -> n.port() != primary).findFirst().orElseThrow();
    }

    /** SIGKILLs the current primary (a crash: no shutdown, its clients' sockets reset); returns it. */
    public RedisServerProcess killPrimary() {
        RedisServerProcess primary = primary();
        primary.kill();
        return primary;
    }

    /**
     * Waits until the Sentinels report a primary other than {@code oldPrimaryPort} and that node says it is a
     * master (the replica was promoted); returns the new primary's port.
     */
    public int awaitPromotion(int oldPrimaryPort, Duration timeout) {
        await(timeout, "a replica promoted in place of port " + oldPrimaryPort, () -> {
            try {
                int now = primaryPort();
                return now != oldPrimaryPort && role(now).equals("master");
            } catch (RuntimeException e) {
                return false;
            }
        });
        return primaryPort();
    }

    /**
     * Starts a killed node again as a replica of the current primary, keeping its data (Sentinel would reconfigure
     * it anyway; starting it as a replica avoids a moment with two primaries).
     */
    public void restart(RedisServerProcess node) {
        node.replicaOf(primaryPort());
        node.start();
    }

    /**
     * Waits until the set can fail over again: every node runs, the primary the Sentinels report is a master with
     * the other node's replication link up, and every Sentinel sees the primary as up, the replica and the other
     * two Sentinels.
     */
    public void awaitHealthy() {
        await(HEALTHY_TIMEOUT, "a healthy Sentinel set", this::healthy);
    }

    private boolean healthy() {
        try {
            if (!nodes.stream().allMatch(RedisServerProcess::isRunning)) {
                return false;
            }
            int primary = primaryPort();
            if (!role(primary).equals("master")) {
                return false;
            }
            for (RedisServerProcess node : nodes) {
                if (node.port() != primary
                        && !(info(node.port(), "role").equals("slave")
                                && info(node.port(), "master_link_status").equals("up")
                                && info(node.port(), "master_port").equals(String.valueOf(primary)))) {
                    return false;
                }
            }
            for (SentinelProcess sentinel : sentinels) {
                String master = RedisServerProcess.command(sentinel.port, "SENTINEL", "MASTER", MASTER_NAME);
                List<String> fields = List.of(master.split("\n"));
                if (!field(fields, "port").equals(String.valueOf(primary))
                        || !field(fields, "flags").equals("master")
                        || Integer.parseInt(field(fields, "num-slaves")) < 1
                        || Integer.parseInt(field(fields, "num-other-sentinels")) < sentinels.size() - 1) {
                    return false;
                }
                // The replica as this Sentinel sees it: up, not a stale entry for the old primary's port.
                String replicas = RedisServerProcess.command(sentinel.port, "SENTINEL", "REPLICAS", MASTER_NAME);
                if (replicas.contains("s_down") || replicas.contains("disconnected")) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String field(List<String> flat, String name) {
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            if (flat.get(i).equals(name)) {
                return flat.get(i + 1);
            }
        }
        return "";
    }

    private static String role(int port) {
        return info(port, "role");
    }

    private static String info(int port, String field) {
        String info = RedisServerProcess.command(port, "INFO", "replication");
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "";
    }

    private RedisServerProcess node(int port) {
        return nodes.stream()
                .filter(n -> n.port() == port)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of this set on port " + port));
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) {
        // Polling other processes' state: there is no event to wait on.
        try {
            Awaitility.await(what)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(50))
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("timed out after " + timeout + " waiting for " + what, e);
        }
    }

    @Override
    public void close() {
        sentinels.forEach(SentinelProcess::close);
        nodes.forEach(RedisServerProcess::close);
    }
}
