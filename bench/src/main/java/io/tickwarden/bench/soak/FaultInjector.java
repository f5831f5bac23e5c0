package io.tickwarden.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.bench.client.ClientGroup;
import io.tickwarden.bench.client.ClientStats;
import io.tickwarden.bench.client.GatewayProtocol;
import io.tickwarden.bench.client.LoadClients;
import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.client.RecoveringClients;
import io.tickwarden.bench.client.SymbolUniverse;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.Http;
import io.tickwarden.bench.system.Waits;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.kite.TokenCipher;
import io.tickwarden.testing.QuarkusAppProcess;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Injects one fault of the soak and measures it: whether health showed it within 3 s, whether every client got
 * ticks again, the longest silence any client saw. Also the operator's part after a rejected token (a new login)
 * and the collection of the secrets the log scan looks for. Violations and observations go to the soak's lists.
 */
final class FaultInjector {

    private final List<String> violations;
    private final List<String> observations;
    private final Set<String> secrets;
    private final AtomicLong fuzzSent;
    private final Random random;
    private final Map<String, Integer> serviceDraws = new HashMap<>();
    private final GatewayFaults gatewayFaults;
    private final LeaderFaults leaderFaults;
    private final SentinelFailoverFault sentinelFailover = new SentinelFailoverFault();

    FaultInjector(
            List<String> violations,
            List<String> observations,
            Set<String> secrets,
            AtomicLong fuzzSent,
            Random random) {
        this.violations = violations;
        this.observations = observations;
        this.secrets = secrets;
        this.fuzzSent = fuzzSent;
        this.random = random;
        this.gatewayFaults = new GatewayFaults(violations);
        this.leaderFaults = new LeaderFaults(observations);
    }

    /** The leader faults' state, for the socket monitor (a frozen leader's sockets beside its successor's). */
    LeaderFaults leaderFaults() {
        return leaderFaults;
    }

    FaultSoak.FaultRecord inject(
            int n, String kind, Cluster cluster, Vertx vertx, SymbolUniverse universe, ClientGroup clients) {
        if (!Waits.until(
                Duration.ofSeconds(60),
                200,
                () -> SoakTicking.ticking(clients, 2000)
                        && HealthProbe.healthy(cluster.http().get(cluster.gatewayUrl() + "/api/system/health")))) {
            String p = HealthProbe.problem(cluster.http().get(cluster.gatewayUrl() + "/api/system/health"), null);
            violations.add("before fault #" + n + " (" + kind + "): not healthy within 60 s (" + p + ", "
                    + SoakTicking.notTicking(clients, 2000) + " clients not ticking)");
            reLoginIfNeeded(cluster);
        }
        JsonNode baseline = cluster.health();
        boolean expectVisible = !FaultSoak.BENIGN.contains(kind);
        String target = null;
        long t0 = System.nanoTime();
        clients.stats().forEach(s -> s.resetGap(t0));
        VisibilityWatch watch = new VisibilityWatch(cluster, baseline, t0);
        String note = null;
        long end;
        switch (kind) {
            case "sim_drop" -> {
                cluster.simFault("drop", 0);
                end = System.nanoTime();
            }
            case "sim_silence", "sim_no_heartbeat", "sim_no_pong", "sim_malformed", "sim_slow" -> {
                long d = 3000 + random.nextInt(3000);
                cluster.simFault(kind.substring(4), d);
                Waits.sleep(d);
                end = System.nanoTime();
                note = "for " + d + " ms";
            }
            case "sim_reject_403", "sim_reject_500", "sim_reject_401", "sim_reject_429" -> {
                long d = 3000 + random.nextInt(3000);
                cluster.simFault(kind.substring(4), d);
                cluster.simFault("drop", 0);
                Waits.sleep(d);
                end = System.nanoTime();
                note = "for " + d + " ms after a drop";
                if (kind.equals("sim_reject_403") || kind.equals("sim_reject_401")) {
                    note += reLoginIfNeeded(cluster);
                    end = System.nanoTime();
                }
            }
            case "token_expired" -> {
                cluster.expireTokens();
                cluster.simFault("drop", 0);
                boolean noticed = Waits.until(Duration.ofSeconds(15), 100, () -> !cluster.authValid());
                cluster.login();
                collectAccessToken(cluster);
                end = System.nanoTime();
                note = noticed ? "auth noticed, logged in again" : "auth did NOT notice within 15 s; logged in";
            }
            case "sentinel_failover" -> {
                note = sentinelFailover.inject(cluster);
                end = System.nanoTime();
            }
            case "redis_restart" -> {
                // Let every symbol tick once under this fault's label first: a client's hole is charged to the fault
                // during which its symbol's last tick before the hole came (the restart's were charged to the fault
                // before it in the first 10-minute soak of stop 24).
                Waits.sleep(
                        Math.max(1000, (long) Math.ceil(2000 / cluster.config().ticksPerSecond())));
                cluster.redis().kill();
                Waits.sleep(2000 + random.nextInt(2000));
                cluster.redis().start();
                end = System.nanoTime();
            }
            case "kill9_service", "sigterm_service" -> {
                // Round-robin (kill and SIGTERM offset), so every service is hit by both in a 10-minute soak.
                int draw = serviceDraws.merge(kind, 1, Integer::sum) - 1 + (kind.startsWith("kill9") ? 0 : 2);
                target = FaultSoak.SERVICE_TARGETS.get(draw % FaultSoak.SERVICE_TARGETS.size());
                QuarkusAppProcess p = resolve(cluster, target);
                if (p == null) {
                    note = "no " + target + " found";
                    end = System.nanoTime();
                    break;
                }
                // Every target, the standby included: the gateway probes each replica's readiness.
                expectVisible = true;
                if (kind.startsWith("kill9")) {
                    p.kill();
                } else {
                    p.stop();
                }
                // Down for at least the visibility window, like a crashed pod waiting for its restart.
                Waits.sleep(FaultSoak.VISIBLE_WITHIN_MS);
                p.start(Duration.ofSeconds(120));
                end = System.nanoTime();
                note = "restarted in " + Math.round((end - t0) / 1e6) + " ms";
            }
            case "kill_gateway" -> {
                // A gateway does not report another replica's death: the clients' move is the check.
                expectVisible = false;
                GatewayFaults.Result r = gatewayFaults.killOne(n, cluster, (RecoveringClients) clients);
                target = r.target();
                note = r.note();
                end = r.endNanos();
            }
            case "freeze_leader", "cut_leader" -> {
                // The clients see a gap of about the lease TTL, so health must show it like any feed outage.
                expectVisible = true;
                note = kind.equals("freeze_leader")
                        ? leaderFaults.freezeLeader(cluster)
                        : leaderFaults.cutLeader(cluster);
                end = System.nanoTime();
            }
            case "slow_client" -> {
                List<String> many = universe.forClient(100_000 + n, 200);
                try (LoadClients one = new LoadClients(
                        vertx,
                        "127.0.0.1",
                        cluster.gatewayPort(),
                        new GatewayProtocol(Cluster.GATEWAY_KEY, "full"),
                        List.of(many),
                        new ReceiptRecorder(),
                        false,
                        8192)) {
                    one.connectAll(1, Duration.ofSeconds(10));
                    Waits.sleep(1000);
                    for (int i = 0; i < 3; i++) {
                        one.pause(0);
                        Waits.sleep(3000);
                        one.resume(0);
                        Waits.sleep(1000);
                    }
                    note = "paused 3 s / read 1 s x3; closes "
                            + codes(one.stats().get(0));
                }
                end = System.nanoTime();
            }
            case "stalled_client" -> {
                List<String> many = universe.forClient(100_000 + n, 200);
                long wait = 40_000;
                try (RawStalledClient stalled =
                        new RawStalledClient(cluster.gatewayPort(), Cluster.GATEWAY_KEY, many, "full")) {
                    Waits.sleep(wait);
                    int code = stalled.drainAndFindCloseCode(3000);
                    note = code > 0
                            ? "after " + wait / 1000 + " s without reading: closed by the gateway with " + code
                            : "still open after " + wait / 1000 + " s without reading";
                    if (code != 4008) {
                        observations.add("stalled client #" + n + ": " + note + " (expected 4008)");
                    }
                } catch (IOException e) {
                    note = "stalled client failed: " + e;
                }
                end = System.nanoTime();
            }
            case "fuzz_flood", "fuzz_oversize" -> {
                try (LoadClients one = new LoadClients(
                        vertx,
                        "127.0.0.1",
                        cluster.gatewayPort(),
                        new GatewayProtocol(Cluster.GATEWAY_KEY, "quote"),
                        List.of(List.of()),
                        new ReceiptRecorder(),
                        false)) {
                    one.connectAll(1, Duration.ofSeconds(10));
                    if (kind.equals("fuzz_flood")) {
                        for (int i = 0; i < 300; i++) {
                            one.sendText(0, "{\"action\":\"ping\"}");
                        }
                        fuzzSent.addAndGet(300);
                    } else {
                        one.sendText(0, "{\"action\":\"subscribe\",\"symbols\":[\"" + "X".repeat(64 * 1024) + "\"]}");
                        fuzzSent.incrementAndGet();
                    }
                    boolean closed = Waits.until(
                            Duration.ofSeconds(10),
                            100,
                            () -> !one.stats().get(0).open());
                    note = closed ? "closed with " + codes(one.stats().get(0)) : "NOT closed within 10 s";
                    int expected = kind.equals("fuzz_flood") ? 4029 : 1009;
                    if (!one.stats().get(0).closeCodes().containsKey(expected)) {
                        observations.add(kind + " #" + n + ": expected close " + expected + ", got " + note);
                    }
                }
                end = System.nanoTime();
            }
            default -> throw new IllegalArgumentException("unknown fault kind " + kind);
        }
        long endAt = end;
        boolean recovered = Waits.until(
                Duration.ofSeconds(60), 50, () -> clients.stats().stream().allMatch(s -> s.lastTickNanos() > endAt));
        Double recoveredMs = recovered ? (System.nanoTime() - endAt) / 1e6 : null;
        // The invariant is "visible within 3 s of the injection", so the health is watched for that whole window even
        // when the clients recovered sooner (a drop heals in about a second, and ticks already in flight can make a
        // client look recovered at once).
        watch.awaitVisibleOrWindowEnd(FaultSoak.VISIBLE_WITHIN_MS + 300);
        watch.stop();
        Double visibleMs = watch.visibleMs();
        if (expectVisible && (visibleMs == null || visibleMs > FaultSoak.VISIBLE_WITHIN_MS)) {
            violations.add("fault #" + n + " " + kind + (target == null ? "" : " (" + target + ")")
                    + " not visible in /api/system/health within 3 s"
                    + (visibleMs == null ? "" : " (visible after " + Math.round(visibleMs) + " ms)"));
        }
        if (!recovered) {
            violations.add("fault #" + n + " " + kind + (target == null ? "" : " (" + target + ")") + ": "
                    + SoakTicking.notTicking(clients, 0, endAt)
                    + " clients received no tick within 60 s after it ended");
        }
        // The longest silence any regular client saw from the injection until now (for every kind: it tells
        // whether a fault interrupted the ticks at all).
        Double othersGap = clients.stats().stream()
                        .mapToLong(ClientStats::maxGapNanos)
                        .max()
                        .orElse(0)
                / 1e6;
        if (!expectVisible) {
            if (othersGap > FaultSoak.VISIBLE_WITHIN_MS) {
                observations.add("during benign fault #" + n + " " + kind + (target == null ? "" : " (" + target + ")")
                        + " other clients saw a gap of " + Math.round(othersGap) + " ms");
            }
        }
        return new FaultSoak.FaultRecord(
                n,
                kind,
                target,
                Instant.now().toString(),
                expectVisible,
                visibleMs,
                watch.visibleAs(),
                recovered,
                recoveredMs,
                othersGap,
                note);
    }

    private static String codes(ClientStats s) {
        return s.closeCodes().isEmpty() ? "none" : s.closeCodes().keySet().toString();
    }

    private static QuarkusAppProcess resolve(Cluster cluster, String target) {
        return switch (target) {
            case "feed-leader" -> cluster.leader().orElse(null);
            case "feed-standby" -> {
                Optional<QuarkusAppProcess> leader = cluster.leader();
                yield cluster.feeds().stream()
                        .filter(f -> leader.isEmpty() || f != leader.get())
                        .findFirst()
                        .orElse(null);
            }
            default -> cluster.service(target);
        };
    }

    /** The operator's part after a rejected token: log in again (returns a note for the log). */
    String reLoginIfNeeded(Cluster cluster) {
        if (Waits.until(Duration.ofSeconds(3), 200, cluster::authValid)) {
            return "";
        }
        cluster.login();
        collectAccessToken(cluster);
        return "; auth required a new login";
    }

    /** Decrypts the stored access token (auth:token) so the log scan can look for it. */
    void collectAccessToken(Cluster cluster) {
        try {
            String raw = cluster.redis().command("GET", AuthRedisNames.TOKEN_KEY);
            if (raw == null || !raw.startsWith("{")) {
                return;
            }
            JsonNode t = Http.JSON.readTree(raw);
            String token = TokenCipher.fromBase64Key(Cluster.TOKEN_KEY)
                    .decrypt(
                            t.path("ciphertext").asText(),
                            t.path("token_version").asLong());
            if (token.startsWith("{")) {
                // Angel One: the sealed session holds the JWT and the feed token.
                JsonNode session = Http.JSON.readTree(token);
                secrets.add("jwt=" + session.path("jwt").asText());
                secrets.add("feed_token=" + session.path("feed_token").asText());
            } else {
                secrets.add("access_token=" + token);
            }
        } catch (Exception e) {
            observations.add("could not read the stored access token for the secret scan: "
                    + e.getClass().getSimpleName());
        }
    }
}
