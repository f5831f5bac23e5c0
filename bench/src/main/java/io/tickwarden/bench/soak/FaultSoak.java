package io.tickwarden.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.bench.BenchArgs;
import io.tickwarden.bench.client.ClientGroup;
import io.tickwarden.bench.client.ClientStats;
import io.tickwarden.bench.client.GatewayProtocol;
import io.tickwarden.bench.client.LoadClients;
import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.client.RecoveringClients;
import io.tickwarden.bench.client.RecoveryLedger;
import io.tickwarden.bench.client.SymbolUniverse;
import io.tickwarden.bench.report.Json;
import io.tickwarden.bench.report.Machine;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.ClusterConfig;
import io.tickwarden.bench.system.Http;
import io.tickwarden.bench.system.Waits;
import io.tickwarden.testing.QuarkusAppProcess;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault soak: injects faults of every kind at random, one at a time, for {@code --duration} (10 min), while
 * reconnecting clients read ticks and fuzz clients send malformed input, then lets the system settle. Invariants
 * checked throughout: at most the upstream sockets the feed's pool needs (never both replicas'), every disruptive
 * fault visible in /api/system/health within 3 s, every client receiving ticks again after every fault, no stuck
 * state after the faults stop, no secret in any service log, bounded memory. Its log lists every fault injected.
 */
public final class FaultSoak {

    public static final List<String> ALL_KINDS = List.of(
            "sim_drop",
            "sim_silence",
            "sim_no_heartbeat",
            "sim_no_pong",
            "sim_reject_403",
            "sim_reject_500",
            "sim_malformed",
            "sim_slow",
            "token_expired",
            "redis_restart",
            "kill9_service",
            "sigterm_service",
            "kill_gateway",
            "freeze_leader",
            "cut_leader",
            "slow_client",
            "stalled_client",
            "fuzz_flood",
            "fuzz_oversize");
    /** Angel One's faults in place of Kite's: no server heartbeat (we ping), 401 for 403, 429 for 500. */
    public static final List<String> ANGEL_KINDS = ALL_KINDS.stream()
            .filter(k -> !k.equals("sim_no_heartbeat"))
            .map(k -> switch (k) {
                case "sim_reject_403" -> "sim_reject_401";
                case "sim_reject_500" -> "sim_reject_429";
                default -> k;
            })
            .toList();
    /** Faults that should not interrupt the other clients and need not show in health. */
    static final Set<String> BENIGN =
            Set.of("sim_no_pong", "sim_slow", "slow_client", "stalled_client", "fuzz_flood", "fuzz_oversize");

    static final List<String> SERVICE_TARGETS =
            List.of("gateway", "feed-leader", "feed-standby", "auth-service", "session-service");
    static final long VISIBLE_WITHIN_MS = 3000;
    static final long MEMORY_BOUND_MB = 1024;

    public record FaultRecord(
            int n,
            String kind,
            String target,
            String at,
            boolean expectVisible,
            Double visibleMs,
            String visibleAs,
            boolean recovered,
            Double recoveredMs,
            Double othersMaxGapMs,
            String note) {}

    public record Outcome(
            boolean passed,
            int controlReadings,
            int controlProblems,
            Map<String, Integer> counts,
            List<FaultRecord> faults,
            List<String> violations,
            List<String> observations,
            long fuzzMessages,
            long fuzzErrorsAnswered,
            Map<String, Double> maxRssMb,
            Map<String, Double> firstRssMb,
            Map<String, Double> lastRssMb,
            int maxUpstreamSockets,
            List<SecretScan.Finding> secretFindings,
            String log,
            List<RecoveryLedger.Summary> recovery) {}

    /**
     * The soak's settings: a 2 s stall threshold and a 5 s backoff cap in feed-service, so the 3-6 s faults make the
     * feed act within them. Health runs on its defaults: the gateway probes every service's readiness each second
     * and reports its own data age, so no snapshot interval needs shortening for a dead service to show.
     */
    public static Map<String, Map<String, String>> soakEnv() {
        return Map.of("feed-service", Map.of("FEED_STALE_AFTER", "2s", "FEED_BACKOFF_MAX", "5s"));
    }

    /**
     * The broker's kinds; with Redis as a Sentinel set, a failover in place of the plain restart, and no
     * {@code cut_leader} (its proxy stands in front of one Redis, while a replica in Sentinel mode asks the Sentinels).
     */
    static List<String> defaultKinds(Cluster cluster) {
        List<String> kinds = cluster.config().angel() ? ANGEL_KINDS : ALL_KINDS;
        if (!cluster.redis().sentinelMode()) {
            return kinds;
        }
        return kinds.stream()
                .filter(k -> !k.equals("cut_leader"))
                .map(k -> k.equals("redis_restart") ? "sentinel_failover" : k)
                .toList();
    }

    private final BenchArgs args;
    private final Path out;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> observations = new CopyOnWriteArrayList<>();
    private final List<FaultRecord> faults = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    /** Sockets the feed's pool needs for the soak's instruments: never more may be open (no two replicas' sets). */
    private int expectedSockets = 1;

    private final AtomicLong fuzzSent = new AtomicLong();
    private Path logFile;
    private Random random;
    private FaultInjector injector;

    public FaultSoak(BenchArgs args) {
        this.args = args;
        this.out = io.tickwarden.bench.report.ResultDirs.of(args, "soak").out();
    }

    /** Starts its own system, soaks it, writes the results. */
    public Outcome run() throws Exception {
        int instruments = args.integer("instruments", 500);
        String broker = args.string("broker", "kite");
        // --per-socket N: the feed's pool holds at most N instruments a socket, so the soak runs over several sockets.
        int perSocket = args.integer("per-socket", broker.equals("angel") ? 1000 : 3000);
        expectedSockets = Math.min(3, Math.max(1, (instruments + perSocket - 1) / perSocket));
        String extra = args.string("env", "");
        extra = (extra.isBlank() ? "" : extra + ",") + "feed-service:FEED_MAX_INSTRUMENTS_PER_SOCKET=" + perSocket;
        ClusterConfig config = new ClusterConfig(
                out,
                args.decimal("rate", 2),
                List.of(),
                "quote",
                null,
                2,
                io.tickwarden.bench.system.ExtraEnv.merge(soakEnv(), extra),
                broker);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try (Cluster cluster = new Cluster(config).gatewayReplicas(args.integer("gateways", 2))) {
            if (args.flag("sentinel")) {
                cluster.withSentinel();
            }
            return soak(cluster, vertx, cluster.startLoggedIn(instruments));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** Soaks a running, logged-in system (the smoke IT shares its system with the fan-out check). */
    public Outcome soak(Cluster cluster, Vertx vertx, SymbolUniverse universe) throws Exception {
        Duration duration = args.duration("duration", Duration.ofMinutes(10));
        // --faults N: exactly N faults, however long they take (the CI smoke: its checks must not depend on how many
        // faults a busy machine fits into a duration); otherwise as many as fit into --duration.
        int faultCount = args.integer("faults", 0);
        Duration settle =
                args.duration("settle", Duration.ofSeconds(Math.min(60, Math.max(15, duration.toSeconds() / 10))));
        List<String> kinds = List.of(
                args.string("kinds", String.join(",", defaultKinds(cluster))).split(","));
        int nClients = args.integer("clients", 50);
        int symbols = args.integer("symbols", 20);
        random = new Random(args.integer("seed", 1));
        injector = new FaultInjector(violations, observations, secrets, fuzzSent, random);
        Files.createDirectories(out);
        String stamp = Instant.now().toString().replace(":", "").replace(".", "");
        logFile = out.resolve("soak-" + stamp + ".log");
        log("soak: " + (faultCount > 0 ? faultCount + " faults" : duration + " of faults") + " (" + kinds + "), then "
                + settle + " to settle; " + nClients
                + " clients x " + symbols + " symbols; machine " + Machine.describe());
        secrets.add("api_secret=" + Cluster.API_SECRET);
        if (cluster.config().angel()) {
            secrets.add("angel_totp_secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
            observations.add("broker: angel (smartapi-sim); Angel's faults in place of Kite's: " + ANGEL_KINDS);
        }
        secrets.add("token_encryption_key=" + Cluster.TOKEN_KEY);
        injector.collectAccessToken(cluster);
        FanoutReady.await(cluster, expectedSockets);

        long start = System.nanoTime();
        ControlPhase.Result control = ControlPhase.run(
                cluster,
                args.duration("control", Duration.ofSeconds(Math.min(30, Math.max(10, duration.toSeconds() / 20)))));
        log(control.summary());
        control.observation().ifPresent(observations::add);
        // (Stopped when the soak ends; the limit only guards against a soak that never returns.)
        Duration monitorMax =
                faultCount > 0 ? Duration.ofDays(1) : duration.plus(settle).plusMinutes(5);
        SoakMonitor watcher = new SoakMonitor(cluster, expectedSockets, violations);
        watcher.allowOverlap(injector.leaderFaults()::overlapAllowed);
        Thread monitor = Thread.ofPlatform().daemon().name("soak-monitor").start(() -> watcher.run(start, monitorMax));
        Fuzzer fuzzer = new Fuzzer(random.nextLong());
        AtomicReference<Boolean> fuzzing = new AtomicReference<>(true);
        try (RecoveringClients clients = new RecoveringClients(
                        GatewayFaults.wsBases(cluster), Cluster.GATEWAY_KEY, universe.forClients(nClients, symbols));
                LoadClients fuzzClients = new LoadClients(
                        vertx,
                        "127.0.0.1",
                        cluster.gatewayPort(),
                        new GatewayProtocol(Cluster.GATEWAY_KEY, "quote"),
                        List.of(List.of(), List.of(), List.of(), List.of()),
                        new ReceiptRecorder(),
                        true)) {
            clients.connectAll(Duration.ofSeconds(60));
            fuzzClients.connectAll(4, Duration.ofSeconds(30));
            Thread fuzz = Thread.ofPlatform().daemon().name("soak-fuzz").start(() -> {
                int i = 0;
                // 4 connections x 5 msg/s stays under the gateway's flood limit (20/s, burst 40) per connection.
                while (fuzzing.get() && i < 1_000_000) {
                    String m = fuzzer.next();
                    if (fuzzClients.sendText(i % 4, m)) {
                        fuzzSent.incrementAndGet();
                    }
                    i++;
                    Waits.sleep(50);
                }
            });
            Waits.until(Duration.ofSeconds(60), 200, () -> SoakTicking.ticking(clients, 2000));

            long faultDeadline = start + duration.toNanos();
            List<String> round = new ArrayList<>();
            int n = 0;
            while ((faultCount > 0 ? n < faultCount : System.nanoTime() < faultDeadline) && n < 10_000) {
                if (round.isEmpty()) {
                    round.addAll(kinds);
                    Collections.shuffle(round, random);
                }
                String kind = round.remove(0);
                n++;
                clients.label(kind);
                FaultRecord r = injector.inject(n, kind, cluster, vertx, universe, clients);
                faults.add(r);
                counts.merge(kind, 1, Integer::sum);
                log(String.format(
                        "fault #%d %s%s: visible %s%s, recovered %s%s%s",
                        n,
                        kind,
                        r.target() == null ? "" : " (" + r.target() + ")",
                        r.visibleMs() == null ? "no" : String.format("in %.0f ms", r.visibleMs()),
                        r.visibleAs() == null ? "" : " [" + r.visibleAs() + "]",
                        r.recovered() ? String.format("in %.0f ms", r.recoveredMs()) : "NO",
                        r.othersMaxGapMs() == null
                                ? ""
                                : String.format(", clients' max gap %.0f ms", r.othersMaxGapMs()),
                        r.note() == null ? "" : "; " + r.note()));
            }
            log("faults stopped after " + n + "; settling for up to " + settle);
            fuzzing.set(false);
            fuzz.join(5000);
            settle(cluster, clients, settle);
            List<RecoveryLedger.Summary> recovery =
                    clients.ledgers().stream().map(RecoveryLedger::summary).toList();
            RecoveryCheck.check(recovery, violations, observations, this::log);
            long fuzzErrors = fuzzClients.stats().stream()
                    .mapToLong(ClientStats::errorsReceived)
                    .sum();
            // Fuzz clients are closed by gateway restarts (1000/1001 on SIGTERM, 1006 on SIGKILL); any other code
            // means the gateway closed a connection for input that must only be answered with an error.
            Map<Integer, Long> regularCloses = new java.util.TreeMap<>();
            clients.stats()
                    .forEach(s -> s.closeCodes().forEach((code, c) -> regularCloses.merge(code, c.get(), Long::sum)));
            Map<Integer, Long> fuzzCloses = new java.util.TreeMap<>();
            fuzzClients
                    .stats()
                    .forEach(s -> s.closeCodes().forEach((code, c) -> fuzzCloses.merge(code, c.get(), Long::sum)));
            log("close codes seen by the regular clients " + regularCloses + ", by the fuzz clients " + fuzzCloses);
            fuzzCloses.forEach((code, c) -> {
                if (code != 1000 && code != 1001 && code != 1006) {
                    violations.add("fuzz clients were closed " + c + "x with " + code
                            + " by malformed input that must only be answered with an error");
                }
            });
            if (fuzzErrors == 0 && fuzzSent.get() > 0) {
                violations.add("the gateway answered none of " + fuzzSent.get() + " malformed messages with an error");
            }
            monitor.interrupt();
            monitor.join(2000);
            watcher.maxRss().forEach((name, mb) -> {
                if (mb > MEMORY_BOUND_MB) {
                    violations.add(name + " RSS reached " + Math.round(mb) + " MB (bound " + MEMORY_BOUND_MB + ")");
                }
            });
            List<String> flat = new ArrayList<>();
            for (String s : secrets) {
                int eq = s.indexOf('=');
                flat.add(s.substring(0, eq));
                flat.add(s.substring(eq + 1));
            }
            List<Path> ourLogs = cluster.services().entrySet().stream()
                    .filter(e -> !e.getKey().endsWith("-sim"))
                    .map(e -> e.getValue().logFile())
                    .toList();
            List<SecretScan.Finding> found = SecretScan.scan(ourLogs, flat);
            found.forEach(f ->
                    violations.add("secret " + f.secretName() + " in " + f.log().getFileName() + ":" + f.line()));
            int distinctKinds = counts.size();
            log("fault counts: " + counts + " (" + distinctKinds + " kinds, " + n + " faults); fuzz messages sent: "
                    + fuzzSent.get() + ", error answers: " + fuzzErrors + "; max upstream sockets: "
                    + watcher.maxSockets() + " (longest beyond the pool's need: " + watcher.longestOverlapMs()
                    + " ms); max RSS MB: " + watcher.maxRss());
            Outcome outcome = new Outcome(
                    violations.isEmpty(),
                    control.readings(),
                    control.problems(),
                    counts,
                    faults,
                    List.copyOf(violations),
                    List.copyOf(observations),
                    fuzzSent.get(),
                    fuzzErrors,
                    new LinkedHashMap<>(watcher.maxRss()),
                    new LinkedHashMap<>(watcher.firstRss()),
                    new LinkedHashMap<>(watcher.lastRss()),
                    watcher.maxSockets(),
                    found,
                    logFile.toString(),
                    recovery);
            violations.forEach(v -> log("VIOLATION: " + v));
            observations.forEach(o -> log("observation: " + o));
            log(outcome.passed() ? "SOAK PASSED" : "SOAK FAILED (" + violations.size() + " violations)");
            Json.write(out.resolve("soak-" + stamp + ".json"), outcome);
            Files.writeString(out.resolve("soak-" + stamp + ".md"), SoakReport.markdown(outcome));
            return outcome;
        }
    }

    /** After the faults: everything converges to healthy with nothing stuck. */
    private void settle(Cluster cluster, ClientGroup clients, Duration settle) {
        injector.reLoginIfNeeded(cluster);
        boolean ok = Waits.until(settle, 250, () -> {
            JsonNode stats = cluster.simStats();
            return HealthProbe.healthy(cluster.http().get(cluster.gatewayUrl() + "/api/system/health"))
                    && SoakTicking.ticking(clients, 2000)
                    && stats.path("ws_connections_open").asInt() == expectedSockets
                    && stats.path("active_faults").isEmpty()
                    && cluster.services().values().stream().allMatch(QuarkusAppProcess::ready);
        });
        if (!ok) {
            Http.Response h = cluster.http().get(cluster.gatewayUrl() + "/api/system/health");
            violations.add("stuck after the faults stopped: health problem = " + HealthProbe.problem(h, null)
                    + ", clients not ticking = " + SoakTicking.notTicking(clients, 2000) + ", upstream sockets = "
                    + cluster.simStats().path("ws_connections_open").asInt() + ", not ready = "
                    + cluster.services().values().stream()
                            .filter(s -> !s.ready())
                            .map(QuarkusAppProcess::name)
                            .toList());
        } else {
            log("settled: healthy, every client ticking, " + expectedSockets + " upstream socket(s), no fault active");
        }
    }

    private synchronized void log(String line) {
        String l = "[" + Instant.now() + "] " + line;
        System.out.println(l);
        try {
            Files.writeString(logFile, l + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
