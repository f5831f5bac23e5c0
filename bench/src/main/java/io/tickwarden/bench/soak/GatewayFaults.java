package io.tickwarden.bench.soak;

import io.tickwarden.bench.client.ClientStats;
import io.tickwarden.bench.client.RecoveringClients;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.Waits;
import io.tickwarden.testing.QuarkusAppProcess;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The soak's {@code kill_gateway} fault: SIGKILL of the gateway replica that serves the most soak clients (they are
 * given every replica's URI), a check that each of its clients is connected to another replica and ticking there
 * within 60 s, then a restart of the dead one. Nothing missed and nothing twice is checked at the end of the soak by
 * the clients' ledgers ({@link RecoveryCheck}, holes attributed to {@code kill_gateway}). A gateway does not report
 * another gateway's death, so the fault is not expected in /api/system/health.
 */
final class GatewayFaults {

    static final Duration MOVE_WITHIN = Duration.ofSeconds(60);

    /**
     * @param target   the replica killed
     * @param note     for the soak's log: how soon its clients moved, how long the restart took
     * @param endNanos when the fault ended (the restart done), as for the other kill faults
     */
    record Result(String target, String note, long endNanos) {}

    private final List<String> violations;

    GatewayFaults(List<String> violations) {
        this.violations = violations;
    }

    /** The gateway replicas defined in {@code cluster} (running or not), {@code gateway} first. */
    static List<QuarkusAppProcess> gateways(Cluster cluster) {
        return cluster.services().entrySet().stream()
                .filter(e -> e.getKey().equals("gateway") || e.getKey().startsWith("gateway-"))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** {@code ws://127.0.0.1:<port>} of every gateway replica, for clients given all of them. */
    static List<String> wsBases(Cluster cluster) {
        return gateways(cluster).stream().map(g -> "ws://127.0.0.1:" + g.port()).toList();
    }

    Result killOne(int n, Cluster cluster, RecoveringClients clients) {
        List<QuarkusAppProcess> gateways =
                gateways(cluster).stream().filter(QuarkusAppProcess::isRunning).toList();
        if (gateways.size() < 2) {
            return new Result(null, "skipped: one gateway running (the soak runs two unless --gateways 1)", now());
        }
        Map<Integer, Long> byPort = IntStream.range(0, clients.stats().size())
                .boxed()
                .collect(Collectors.groupingBy(clients::gatewayPort, Collectors.counting()));
        QuarkusAppProcess victim = gateways.stream()
                .max(Comparator.comparingLong(g -> byPort.getOrDefault(g.port(), 0L)))
                .orElseThrow();
        List<Integer> moving = IntStream.range(0, clients.stats().size())
                .filter(i -> clients.gatewayPort(i) == victim.port())
                .boxed()
                .toList();
        long t0 = System.nanoTime();
        victim.kill();
        // Each of its clients on another replica, with a tick received there after the kill.
        boolean moved = Waits.until(
                MOVE_WITHIN, 20, () -> moving.stream().allMatch(i -> onOtherAndTicking(clients, i, victim, t0)));
        long movedMs = (System.nanoTime() - t0) / 1_000_000;
        String note;
        if (moved) {
            note = "SIGKILL; its " + moving.size() + " clients ticking on the other replica within " + movedMs + " ms";
        } else {
            List<Integer> stuck = moving.stream()
                    .filter(i -> !onOtherAndTicking(clients, i, victim, t0))
                    .toList();
            note = "SIGKILL; " + stuck.size() + " of " + moving.size() + " clients NOT on the other replica within "
                    + MOVE_WITHIN.toSeconds() + " s";
            violations.add("fault #" + n + " kill_gateway (" + victim.name() + "): clients " + stuck
                    + " did not move to another gateway replica within " + MOVE_WITHIN.toSeconds() + " s");
        }
        long restartAt = now();
        victim.start(Duration.ofSeconds(120));
        long end = now();
        return new Result(victim.name(), note + "; restarted in " + (end - restartAt) / 1_000_000 + " ms", end);
    }

    private static boolean onOtherAndTicking(RecoveringClients clients, int i, QuarkusAppProcess victim, long t0) {
        int port = clients.gatewayPort(i);
        ClientStats s = clients.stats().get(i);
        return port > 0 && port != victim.port() && s.lastTickNanos() > t0;
    }

    private static long now() {
        return System.nanoTime();
    }
}
