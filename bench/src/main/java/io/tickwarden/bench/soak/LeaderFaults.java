package io.tickwarden.bench.soak;

import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.Waits;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.TcpProxy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The soak's leader faults (issue 15): {@code freeze_leader} stops the feed leader with SIGSTOP for 2 x the lease TTL
 * and resumes it (a GC pause, a stopped container); {@code cut_leader} black-holes the leader's Redis connection for
 * 10 s through the {@link TcpProxy} the {@link Cluster} puts in front of its second feed replica, while the leader
 * keeps its broker sockets. Only the proxied replica can be cut off: when the other one leads, it is stopped
 * gracefully first (the proxied one takes over at once), restarted as the standby, and then the cut applies.
 * While a leader is frozen its sockets stay open at the sim beside its successor's: that is the fence window, and
 * {@link #overlapAllowed(long)} tells the soak's socket monitor when it is open.
 */
final class LeaderFaults {

    static final Duration CUT = Duration.ofSeconds(10);
    /** After SIGCONT the old leader's first publish or control step fences it; its sockets close within this. */
    static final Duration AFTER_RESUME = Duration.ofSeconds(1);

    private final List<String> observations;
    private volatile long overlapAllowedUntilNanos;

    LeaderFaults(List<String> observations) {
        this.observations = observations;
    }

    /** Whether more sockets than the pool needs may be open at the sim at {@code nanos} (a frozen leader's). */
    boolean overlapAllowed(long nanos) {
        return nanos - overlapAllowedUntilNanos < 0;
    }

    /** SIGSTOP of the leader for 2 x TTL, then SIGCONT; returns the note for the fault's record. */
    String freezeLeader(Cluster cluster) {
        Optional<QuarkusAppProcess> leader = cluster.leader();
        if (leader.isEmpty()) {
            return "no leader to freeze";
        }
        QuarkusAppProcess frozen = leader.get();
        Duration freeze = ttl(cluster).multipliedBy(2);
        long t0 = System.nanoTime();
        overlapAllowedUntilNanos = t0 + freeze.plus(AFTER_RESUME).toNanos();
        signal("STOP", frozen.pid());
        Long takeoverMs = null;
        try {
            if (Waits.until(freeze, 100, () -> otherLeads(cluster, frozen))) {
                takeoverMs = (System.nanoTime() - t0) / 1_000_000;
            }
            Waits.sleep(Math.max(0, (t0 + freeze.toNanos() - System.nanoTime()) / 1_000_000));
        } finally {
            signal("CONT", frozen.pid());
        }
        long resumed = System.nanoTime();
        boolean standby = Waits.until(
                Duration.ofSeconds(30),
                100,
                () -> "STANDBY".equals(cluster.feedState(frozen).path("state").asText()));
        String note = frozen.name() + " frozen " + freeze.toMillis() + " ms; successor led after "
                + (takeoverMs == null ? "NOT within the freeze" : takeoverMs + " ms") + "; old leader "
                + (standby
                        ? "STANDBY " + (System.nanoTime() - resumed) / 1_000_000 + " ms after SIGCONT"
                        : "NOT STANDBY");
        if (takeoverMs == null || !standby) {
            observations.add("freeze_leader: " + note);
        }
        return note;
    }

    /** Black-holes the (proxied) leader's Redis connection for 10 s; returns the note for the fault's record. */
    String cutLeader(Cluster cluster) {
        Optional<TcpProxy> proxy = cluster.feedRedisProxy();
        QuarkusAppProcess proxied = cluster.proxiedFeed();
        if (proxy.isEmpty() || proxied == null) {
            return "no proxied feed replica (one feed replica only?)";
        }
        String before = "";
        Optional<QuarkusAppProcess> leader = cluster.leader();
        if (leader.isPresent() && leader.get() != proxied) {
            // Only the proxied replica can be cut off: hand the lease over to it first.
            QuarkusAppProcess other = leader.get();
            other.stop();
            boolean took = Waits.until(Duration.ofSeconds(30), 100, () -> isLeader(cluster, proxied));
            other.start(Duration.ofSeconds(120));
            before = other.name() + " stopped gracefully and restarted first (" + (took ? "" : "NO ") + "handover); ";
            if (!took) {
                observations.add("cut_leader: " + before);
                return before;
            }
        }
        long t0 = System.nanoTime();
        proxy.get().blackhole();
        Long closedMs = null;
        Long takeoverMs = null;
        try {
            if (Waits.until(CUT, 100, () -> connectedSockets(cluster, proxied) == 0)) {
                closedMs = (System.nanoTime() - t0) / 1_000_000;
            }
            if (Waits.until(CUT, 100, () -> otherLeads(cluster, proxied))) {
                takeoverMs = (System.nanoTime() - t0) / 1_000_000;
            }
            Waits.sleep(Math.max(0, (t0 + CUT.toNanos() - System.nanoTime()) / 1_000_000));
        } finally {
            proxy.get().restore();
        }
        boolean standby = Waits.until(
                Duration.ofSeconds(30),
                100,
                () -> "STANDBY".equals(cluster.feedState(proxied).path("state").asText()));
        String note = before + proxied.name() + " cut off from Redis " + CUT.toMillis() + " ms; sockets closed after "
                + (closedMs == null ? "NOT within the cut" : closedMs + " ms") + ", successor led after "
                + (takeoverMs == null ? "NOT within the cut" : takeoverMs + " ms") + "; "
                + (standby ? "STANDBY after the cut" : "NOT STANDBY after the cut");
        if (closedMs == null || takeoverMs == null || !standby) {
            observations.add("cut_leader: " + note);
        }
        return note;
    }

    /** FEED_LEASE_TTL when the bench sets it for feed-service (e.g. {@code 3s}, {@code 3000ms}), else 5 s. */
    static Duration ttl(Cluster cluster) {
        String v = cluster.config()
                .extraEnv()
                .getOrDefault("feed-service", java.util.Map.of())
                .get("FEED_LEASE_TTL");
        if (v == null) {
            return Duration.ofSeconds(5);
        }
        return v.endsWith("ms")
                ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
    }

    private static boolean otherLeads(Cluster cluster, QuarkusAppProcess not) {
        return cluster.feeds().stream().filter(f -> f != not && f.isRunning()).anyMatch(f -> isLeader(cluster, f));
    }

    private static boolean isLeader(Cluster cluster, QuarkusAppProcess feed) {
        return cluster.feedState(feed).path("is_leader").asBoolean(false);
    }

    private static int connectedSockets(Cluster cluster, QuarkusAppProcess feed) {
        int n = 0;
        for (var s : cluster.feedState(feed).path("sockets")) {
            if ("CONNECTED".equals(s.path("state").asText())) {
                n++;
            }
        }
        return n;
    }

    private static void signal(String sig, long pid) {
        try {
            Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("kill -" + sig + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + sig + " " + pid + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
