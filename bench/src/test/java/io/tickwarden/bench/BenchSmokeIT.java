package io.tickwarden.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickwarden.bench.client.ClientStats;
import io.tickwarden.bench.client.GatewayProtocol;
import io.tickwarden.bench.client.LoadClients;
import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.client.SymbolUniverse;
import io.tickwarden.bench.nats.NatsServer;
import io.tickwarden.bench.soak.FaultSoak;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.ClusterConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CI smoke of the bench (about 2 minutes): the packaged system with 100 fan-out clients for ~30 s, then a short
 * fault soak (one fault of each of 5 kinds, then settling) on the same system. It asserts the invariants, never
 * speed, and no count that depends on how fast the machine is; the full runs are documented in
 * docs/performance.md and docs/resilience.md.
 */
class BenchSmokeIT {

    @Test
    void fanOutAndShortSoakKeepTheInvariants() throws Exception {
        List<String> missing = Cluster.missingJars();
        assumeTrue(
                missing.isEmpty(),
                "packaged apps missing " + missing
                        + "; build them first: ./mvnw -B -pl kite-sim,session-service,auth-service,feed-service,gateway"
                        + " -am package -DskipTests");
        Path out = Path.of("target/smoke").toAbsolutePath();
        ClusterConfig config = new ClusterConfig(out, 2, List.of(), "quote", null, 2, FaultSoak.soakEnv(), "kite");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try (Cluster cluster = new Cluster(config)) {
            cluster.startSim();
            SymbolUniverse universe = SymbolUniverse.fromKiteSim(cluster.http(), cluster.simUrl(), 300);
            cluster.startRest(universe.symbols());
            assertTrue(cluster.login(), "login through auth-service and kite-sim");

            // Fan-out: 100 clients x 50 symbols; every client gets ticks of its symbols, none is closed.
            try (LoadClients clients = new LoadClients(
                    vertx,
                    "127.0.0.1",
                    cluster.gatewayPort(),
                    new GatewayProtocol(Cluster.GATEWAY_KEY, "quote"),
                    universe.forClients(100, 50),
                    new ReceiptRecorder(),
                    false)) {
                assertEquals(100, clients.connectAll(50, Duration.ofSeconds(60)), "all clients connected");
                // 50 symbols x 2 ticks/s = 100 ticks/s per client; 1000 ticks each is ~10 s of fan-out (waiting
                // longer costs nothing when it is that fast).
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> clients.stats().stream().allMatch(s -> s.ticks() >= 1000));
                for (ClientStats s : clients.stats()) {
                    assertTrue(s.closeCodes().isEmpty(), "client " + s.id + " closed: " + s.closeCodes());
                }
                assertTrue(cluster.simStats().path("ws_connections_open").asInt() <= 1, "one upstream socket");
            }

            // Short soak on the same system: each kind once (a fixed number of faults, not as many as fit into a
            // duration, so the checks below do not depend on the machine's speed). settle is how long the system
            // may take to be healthy again after the last fault: it ends as soon as it is.
            List<String> kinds = List.of("sim_drop", "sim_silence", "redis_restart", "fuzz_flood", "sim_reject_500");
            FaultSoak soak = new FaultSoak(BenchArgs.of(
                    "soak",
                    Map.of(
                            "duration",
                            "45s",
                            "settle",
                            "90s",
                            "faults",
                            String.valueOf(kinds.size()),
                            "kinds",
                            String.join(",", kinds),
                            "clients",
                            "20",
                            "symbols",
                            "10",
                            "out",
                            out.toString())));
            FaultSoak.Outcome outcome = soak.soak(cluster, vertx, universe);
            assertTrue(outcome.maxUpstreamSockets() <= 1, "never more than one upstream socket");
            // fuzz_flood sends 300; the fuzz clients send more throughout.
            assertTrue(outcome.fuzzMessages() > 300, "fuzzed input sent: " + outcome.fuzzMessages());
            assertEquals(kinds.size(), outcome.counts().size(), "fault kinds injected: " + outcome.counts());
            // "Visible in health within 3 s" stays a soak invariant (docs/resilience.md), but in a 45 s smoke on a
            // busy CI machine a fault that heals in about a second can come and go between two health polls; it is
            // reported here, not failed on. Everything else must hold.
            List<String> hard = outcome.violations().stream()
                    .filter(v -> !v.contains("not visible"))
                    .toList();
            outcome.violations().stream()
                    .filter(v -> v.contains("not visible"))
                    .forEach(v -> System.out.println("smoke: soft violation (visibility): " + v));
            assertTrue(hard.isEmpty(), "soak invariants: " + hard);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        // The NATS peer is optional on CI machines: only note whether it could run.
        System.out.println("nats-server available for the peer benchmark: " + (NatsServer.binary() != null));
    }
}
