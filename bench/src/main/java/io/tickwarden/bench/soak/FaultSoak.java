package io.tickwarden.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.bench.BenchArgs;
import io.tickwarden.bench.client.ClientStats;
import io.tickwarden.bench.client.GatewayProtocol;
import io.tickwarden.bench.client.LoadClients;
import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.client.SymbolUniverse;
import io.tickwarden.bench.proc.ProcSampler;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.bench.report.Json;
import io.tickwarden.bench.report.Machine;
import io.tickwarden.bench.report.MarkdownTable;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.ClusterConfig;
import io.tickwarden.bench.system.Http;
import io.tickwarden.bench.system.Waits;
import io.tickwarden.kite.TokenCipher;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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

    public static final List<String> ALL_KINDS = List.of("sim_drop", "sim_silence", "sim_no_heartbeat",
            "sim_no_pong", "sim_reject_403", "sim_reject_500", "sim_malformed", "sim_slow", "token_expired",
            "redis_restart", "kill9_service", "sigterm_service", "slow_client", "stalled_client", "fuzz_flood",
            "fuzz_oversize");
    /** Angel One's faults in place of Kite's: no server heartbeat (we ping), 401 for 403, 429 for 500. */
    public static final List<String> ANGEL_KINDS = ALL_KINDS.stream().filter(k -> !k.equals("sim_no_heartbeat"))
            .map(k -> switch (k) {
                case "sim_reject_403" -> "sim_reject_401";
                case "sim_reject_500" -> "sim_reject_429";
                default -> k;
            }).toList();
    /** Faults that should not interrupt the other clients and need not show in health. */
    static final Set<String> BENIGN = Set.of("sim_no_pong", "sim_slow", "slow_client", "stalled_client",
            "fuzz_flood", "fuzz_oversize");
    static final List<String> SERVICE_TARGETS = List.of("gateway", "feed-leader", "feed-standby", "auth-service",
            "session-service");
    static final long VISIBLE_WITHIN_MS = 3000;
    static final long MEMORY_BOUND_MB = 1024;

    public record FaultRecord(int n, String kind, String target, String at, boolean expectVisible, Double visibleMs,
                              String visibleAs, boolean recovered, Double recoveredMs, Double othersMaxGapMs,
                              String note) {
    }

    public record Outcome(boolean passed, int controlReadings, int controlProblems, Map<String, Integer> counts,
                          List<FaultRecord> faults,
                          List<String> violations, List<String> observations, long fuzzMessages,
                          long fuzzErrorsAnswered, Map<String, Double> maxRssMb, Map<String, Double> firstRssMb,
                          Map<String, Double> lastRssMb, int maxUpstreamSockets,
                          List<SecretScan.Finding> secretFindings, String log) {
    }

    /**
     * The soak's settings: a 2 s stall threshold and a 5 s backoff cap in feed-service, so the 3-6 s faults make the
     * feed act within them. Health runs on its defaults: the gateway probes every service's readiness each second
     * and reports its own data age, so no snapshot interval needs shortening for a dead service to show.
     */
    public static Map<String, Map<String, String>> soakEnv() {
        return Map.of("feed-service", Map.of("FEED_STALE_AFTER", "2s", "FEED_BACKOFF_MAX", "5s"));
    }

    private final BenchArgs args;
    private final Path out;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> observations = new CopyOnWriteArrayList<>();
    private final List<FaultRecord> faults = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, Integer> serviceDraws = new HashMap<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Map<String, Double> maxRss = new ConcurrentHashMap<>();
    private final Map<String, Double> firstRss = new ConcurrentHashMap<>();
    private final Map<String, Double> lastRss = new ConcurrentHashMap<>();
    private final AtomicInteger maxSockets = new AtomicInteger();
    /** Sockets the feed's pool needs for the soak's instruments: never more may be open (no two replicas' sets). */
    private int expectedSockets = 1;
    private final AtomicLong fuzzSent = new AtomicLong();
    private Path logFile;
    private Random random;

    public FaultSoak(BenchArgs args) {
        this.args = args;
        this.out = args.path("out", Path.of("bench/target/results")).toAbsolutePath();
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
        ClusterConfig config = new ClusterConfig(out, args.decimal("rate", 2), List.of(), "quote", null, 2,
                io.tickwarden.bench.system.ExtraEnv.merge(soakEnv(), extra), broker);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try (Cluster cluster = new Cluster(config)) {
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
        Duration settle = args.duration("settle", Duration.ofSeconds(Math.min(60, Math.max(15,
                duration.toSeconds() / 10))));
        List<String> kinds = List.of(args.string("kinds", String.join(",",
                cluster.config().angel() ? ANGEL_KINDS : ALL_KINDS)).split(","));
        int nClients = args.integer("clients", 50);
        int symbols = args.integer("symbols", 20);
        random = new Random(args.integer("seed", 1));
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
        collectAccessToken(cluster);
        FanoutReady.await(cluster, expectedSockets);

        long start = System.nanoTime();
        control(cluster, args.duration("control", Duration.ofSeconds(Math.min(30, Math.max(10,
                duration.toSeconds() / 20)))));
        // (Stopped when the soak ends; the limit only guards against a soak that never returns.)
        Duration monitorMax = faultCount > 0 ? Duration.ofDays(1) : duration.plus(settle).plusMinutes(5);
        Thread monitor = Thread.ofPlatform().daemon().name("soak-monitor").start(() -> monitor(cluster, start,
                monitorMax));
        Fuzzer fuzzer = new Fuzzer(random.nextLong());
        AtomicReference<Boolean> fuzzing = new AtomicReference<>(true);
        try (LoadClients clients = new LoadClients(vertx, "127.0.0.1", cluster.gatewayPort(),
                new GatewayProtocol(Cluster.GATEWAY_KEY, "quote"), universe.forClients(nClients, symbols),
                new ReceiptRecorder(), true);
             LoadClients fuzzClients = new LoadClients(vertx, "127.0.0.1", cluster.gatewayPort(),
                     new GatewayProtocol(Cluster.GATEWAY_KEY, "quote"), List.of(List.of(), List.of(), List.of(),
                     List.of()), new ReceiptRecorder(), true)) {
            clients.connectAll(50, Duration.ofSeconds(60));
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
            Waits.until(Duration.ofSeconds(60), 200, () -> ticking(clients, 2000));

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
                FaultRecord r = inject(n, kind, cluster, vertx, universe, clients);
                faults.add(r);
                counts.merge(kind, 1, Integer::sum);
                log(String.format("fault #%d %s%s: visible %s%s, recovered %s%s%s", n, kind,
                        r.target() == null ? "" : " (" + r.target() + ")",
                        r.visibleMs() == null ? "no" : String.format("in %.0f ms", r.visibleMs()),
                        r.visibleAs() == null ? "" : " [" + r.visibleAs() + "]",
                        r.recovered() ? String.format("in %.0f ms", r.recoveredMs()) : "NO",
                        r.othersMaxGapMs() == null ? "" : String.format(", clients' max gap %.0f ms",
                                r.othersMaxGapMs()),
                        r.note() == null ? "" : "; " + r.note()));
            }
            log("faults stopped after " + n + "; settling for up to " + settle);
            fuzzing.set(false);
            fuzz.join(5000);
            settle(cluster, clients, settle);
            long fuzzErrors = fuzzClients.stats().stream().mapToLong(ClientStats::errorsReceived).sum();
            // Fuzz clients are closed by gateway restarts (1000/1001 on SIGTERM, 1006 on SIGKILL); any other code
            // means the gateway closed a connection for input that must only be answered with an error.
            Map<Integer, Long> regularCloses = new java.util.TreeMap<>();
            clients.stats().forEach(s -> s.closeCodes().forEach((code, c) -> regularCloses.merge(code, c.get(),
                    Long::sum)));
            Map<Integer, Long> fuzzCloses = new java.util.TreeMap<>();
            fuzzClients.stats().forEach(s -> s.closeCodes().forEach((code, c) -> fuzzCloses.merge(code, c.get(),
                    Long::sum)));
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
            maxRss.forEach((name, mb) -> {
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
            List<Path> ourLogs = cluster.services().entrySet().stream().filter(e -> !e.getKey().endsWith("-sim"))
                    .map(e -> e.getValue().logFile()).toList();
            List<SecretScan.Finding> found = SecretScan.scan(ourLogs, flat);
            found.forEach(f -> violations.add("secret " + f.secretName() + " in " + f.log().getFileName() + ":"
                    + f.line()));
            int distinctKinds = counts.size();
            log("fault counts: " + counts + " (" + distinctKinds + " kinds, " + n + " faults); fuzz messages sent: "
                    + fuzzSent.get() + ", error answers: " + fuzzErrors + "; max upstream sockets: "
                    + maxSockets.get() + "; max RSS MB: " + maxRss);
            Outcome outcome = new Outcome(violations.isEmpty(), controlReadings, controlProblems, counts, faults, List.copyOf(violations),
                    List.copyOf(observations), fuzzSent.get(), fuzzErrors, new LinkedHashMap<>(maxRss),
                    new LinkedHashMap<>(firstRss), new LinkedHashMap<>(lastRss),
                    maxSockets.get(), found, logFile.toString());
            violations.forEach(v -> log("VIOLATION: " + v));
            observations.forEach(o -> log("observation: " + o));
            log(outcome.passed() ? "SOAK PASSED" : "SOAK FAILED (" + violations.size() + " violations)");
            Json.write(out.resolve("soak-" + stamp + ".json"), outcome);
            Files.writeString(out.resolve("soak-" + stamp + ".md"), markdown(outcome));
            return outcome;
        }
    }

    private int controlReadings;
    private int controlProblems;

    /**
     * Before any fault: how often does a healthy system's health report show a problem anyway? Those blips would
     * otherwise pass for faults being seen (the visibility check needs two readings in a row for that reason).
     */
    private void control(Cluster cluster, Duration length) {
        Waits.until(Duration.ofSeconds(60), 250,
                () -> HealthProbe.healthy(cluster.http().get(cluster.gatewayUrl() + "/api/system/health")));
        Map<String, Integer> reasons = new LinkedHashMap<>();
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            String p = HealthProbe.problem(cluster.http().get(cluster.gatewayUrl() + "/api/system/health"), null);
            controlReadings++;
            if (p != null) {
                controlProblems++;
                reasons.merge(p.replaceAll("[0-9.]+", "#"), 1, Integer::sum);
            }
            Waits.sleep(100);
        }
        log("control (no fault) for " + length + ": " + controlProblems + " of " + controlReadings
                + " health readings showed a problem " + reasons);
        if (controlProblems > 0) {
            observations.add("with no fault injected, " + controlProblems + " of " + controlReadings
                    + " health readings (every 100 ms) showed a problem: " + reasons);
        }
    }

    private FaultRecord inject(int n, String kind, Cluster cluster, Vertx vertx, SymbolUniverse universe,
                               LoadClients clients) {
        if (!Waits.until(Duration.ofSeconds(60), 200, () -> ticking(clients, 2000)
                && HealthProbe.healthy(cluster.http().get(cluster.gatewayUrl() + "/api/system/health")))) {
            String p = HealthProbe.problem(cluster.http().get(cluster.gatewayUrl() + "/api/system/health"), null);
            violations.add("before fault #" + n + " (" + kind + "): not healthy within 60 s (" + p + ", "
                    + notTicking(clients, 2000) + " clients not ticking)");
            reLoginIfNeeded(cluster);
        }
        JsonNode baseline = cluster.health();
        boolean expectVisible = !BENIGN.contains(kind);
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
            case "redis_restart" -> {
                cluster.redis().kill();
                Waits.sleep(2000 + random.nextInt(2000));
                cluster.redis().start();
                end = System.nanoTime();
            }
            case "kill9_service", "sigterm_service" -> {
                // Round-robin (kill and SIGTERM offset), so every service is hit by both in a 10-minute soak.
                int draw = serviceDraws.merge(kind, 1, Integer::sum) - 1 + (kind.startsWith("kill9") ? 0 : 2);
                target = SERVICE_TARGETS.get(draw % SERVICE_TARGETS.size());
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
                Waits.sleep(VISIBLE_WITHIN_MS);
                p.start(Duration.ofSeconds(120));
                end = System.nanoTime();
                note = "restarted in " + Math.round((end - t0) / 1e6) + " ms";
            }
            case "slow_client" -> {
                List<String> many = universe.forClient(100_000 + n, 200);
                try (LoadClients one = new LoadClients(vertx, "127.0.0.1", cluster.gatewayPort(),
                        new GatewayProtocol(Cluster.GATEWAY_KEY, "full"), List.of(many), new ReceiptRecorder(),
                        false, 8192)) {
                    one.connectAll(1, Duration.ofSeconds(10));
                    Waits.sleep(1000);
                    for (int i = 0; i < 3; i++) {
                        one.pause(0);
                        Waits.sleep(3000);
                        one.resume(0);
                        Waits.sleep(1000);
                    }
                    note = "paused 3 s / read 1 s x3; closes " + codes(one.stats().get(0));
                }
                end = System.nanoTime();
            }
            case "stalled_client" -> {
                List<String> many = universe.forClient(100_000 + n, 200);
                long wait = 40_000;
                try (RawStalledClient stalled = new RawStalledClient(cluster.gatewayPort(), Cluster.GATEWAY_KEY,
                        many, "full")) {
                    Waits.sleep(wait);
                    int code = stalled.drainAndFindCloseCode(3000);
                    note = code > 0 ? "after " + wait / 1000 + " s without reading: closed by the gateway with " + code
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
                try (LoadClients one = new LoadClients(vertx, "127.0.0.1", cluster.gatewayPort(),
                        new GatewayProtocol(Cluster.GATEWAY_KEY, "quote"), List.of(List.of()),
                        new ReceiptRecorder(), false)) {
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
                    boolean closed = Waits.until(Duration.ofSeconds(10), 100, () -> !one.stats().get(0).open());
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
        boolean recovered = Waits.until(Duration.ofSeconds(60), 50,
                () -> clients.stats().stream().allMatch(s -> s.lastTickNanos() > endAt));
        Double recoveredMs = recovered ? (System.nanoTime() - endAt) / 1e6 : null;
        // The invariant is "visible within 3 s of the injection", so the health is watched for that whole window even
        // when the clients recovered sooner (a drop heals in about a second, and ticks already in flight can make a
        // client look recovered at once).
        watch.awaitVisibleOrWindowEnd(VISIBLE_WITHIN_MS + 300);
        watch.stop();
        Double visibleMs = watch.visibleMs();
        if (expectVisible && (visibleMs == null || visibleMs > VISIBLE_WITHIN_MS)) {
            violations.add("fault #" + n + " " + kind + (target == null ? "" : " (" + target + ")")
                    + " not visible in /api/system/health within 3 s"
                    + (visibleMs == null ? "" : " (visible after " + Math.round(visibleMs) + " ms)"));
        }
        if (!recovered) {
            violations.add("fault #" + n + " " + kind + (target == null ? "" : " (" + target + ")") + ": "
                    + notTicking(clients, 0, endAt) + " clients received no tick within 60 s after it ended");
        }
        // The longest silence any regular client saw from the injection until now (for every kind: it tells
        // whether a fault interrupted the ticks at all).
        Double othersGap = clients.stats().stream().mapToLong(ClientStats::maxGapNanos).max().orElse(0) / 1e6;
        if (!expectVisible) {
            if (othersGap > VISIBLE_WITHIN_MS) {
                observations.add("during benign fault #" + n + " " + kind + (target == null ? "" : " (" + target
                        + ")") + " other clients saw a gap of " + Math.round(othersGap) + " ms");
            }
        }
        return new FaultRecord(n, kind, target, Instant.now().toString(), expectVisible, visibleMs,
                watch.visibleAs(), recovered, recoveredMs, othersGap, note);
    }

    private static String codes(ClientStats s) {
        return s.closeCodes().isEmpty() ? "none" : s.closeCodes().keySet().toString();
    }

    private static QuarkusAppProcess resolve(Cluster cluster, String target) {
        return switch (target) {
            case "feed-leader" -> cluster.leader().orElse(null);
            case "feed-standby" -> {
                Optional<QuarkusAppProcess> leader = cluster.leader();
                yield cluster.feeds().stream().filter(f -> leader.isEmpty() || f != leader.get()).findFirst()
                        .orElse(null);
            }
            default -> cluster.service(target);
        };
    }

    /** The operator's part after a rejected token: log in again (returns a note for the log). */
    private String reLoginIfNeeded(Cluster cluster) {
        if (Waits.until(Duration.ofSeconds(3), 200, cluster::authValid)) {
            return "";
        }
        cluster.login();
        collectAccessToken(cluster);
        return "; auth required a new login";
    }

    /** Decrypts the stored access token (auth:token) so the log scan can look for it. */
    private void collectAccessToken(Cluster cluster) {
        try {
            String raw = cluster.redis().command("GET", "auth:token");
            if (raw == null || !raw.startsWith("{")) {
                return;
            }
            JsonNode t = Http.JSON.readTree(raw);
            String token = TokenCipher.fromBase64Key(Cluster.TOKEN_KEY).decrypt(t.path("ciphertext").asText(),
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

    private void monitor(Cluster cluster, long start, Duration max) {
        long deadline = start + max.toNanos();
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
            JsonNode stats = cluster.simStats();
            int open = stats.path("ws_connections_open").asInt(0);
            maxSockets.accumulateAndGet(open, Math::max);
            if (open > expectedSockets) {
                violations.add(Instant.now() + ": " + open + " upstream sockets open at the sim (the pool needs "
                        + expectedSockets + ")");
            }
            cluster.services().forEach((name, p) -> {
                long pid = p.pid();
                if (pid > 0) {
                    long kb = ProcSampler.rssKb(pid);
                    if (kb > 0) {
                        maxRss.merge(name, kb / 1024.0, Math::max);
                        firstRss.putIfAbsent(name, kb / 1024.0);
                        lastRss.put(name, kb / 1024.0);
                    }
                }
            });
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** After the faults: everything converges to healthy with nothing stuck. */
    private void settle(Cluster cluster, LoadClients clients, Duration settle) {
        reLoginIfNeeded(cluster);
        boolean ok = Waits.until(settle, 250, () -> {
            JsonNode stats = cluster.simStats();
            return HealthProbe.healthy(cluster.http().get(cluster.gatewayUrl() + "/api/system/health"))
                    && ticking(clients, 2000) && stats.path("ws_connections_open").asInt() == expectedSockets
                    && stats.path("active_faults").isEmpty()
                    && cluster.services().values().stream().allMatch(QuarkusAppProcess::ready);
        });
        if (!ok) {
            Http.Response h = cluster.http().get(cluster.gatewayUrl() + "/api/system/health");
            violations.add("stuck after the faults stopped: health problem = " + HealthProbe.problem(h, null)
                    + ", clients not ticking = " + notTicking(clients, 2000) + ", upstream sockets = "
                    + cluster.simStats().path("ws_connections_open").asInt() + ", not ready = "
                    + cluster.services().values().stream().filter(s -> !s.ready()).map(QuarkusAppProcess::name)
                    .toList());
        } else {
            log("settled: healthy, every client ticking, " + expectedSockets + " upstream socket(s), no fault active");
        }
    }

    static boolean ticking(LoadClients clients, long withinMs) {
        return notTicking(clients, withinMs) == 0;
    }

    static long notTicking(LoadClients clients, long withinMs) {
        long now = System.nanoTime();
        return clients.stats().stream().filter(s -> now - s.lastTickNanos() > withinMs * 1_000_000L).count();
    }

    static long notTicking(LoadClients clients, long unused, long after) {
        return clients.stats().stream().filter(s -> s.lastTickNanos() <= after).count();
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

    static String markdown(Outcome o) {
        MarkdownTable t = new MarkdownTable("fault kind", "injected", "visible <= 3 s", "visible p50 ms",
                "recovered", "recovery p50 ms", "recovery max ms");
        for (String kind : o.counts().keySet()) {
            List<FaultRecord> rs = o.faults().stream().filter(f -> f.kind().equals(kind)).toList();
            long visibleOk = rs.stream().filter(f -> f.visibleMs() != null && f.visibleMs() <= VISIBLE_WITHIN_MS)
                    .count();
            double[] vis = rs.stream().filter(f -> f.visibleMs() != null).mapToDouble(FaultRecord::visibleMs)
                    .sorted().toArray();
            double[] rec = rs.stream().filter(f -> f.recoveredMs() != null).mapToDouble(FaultRecord::recoveredMs)
                    .sorted().toArray();
            boolean benign = rs.stream().noneMatch(FaultRecord::expectVisible);
            t.row(kind, rs.size(), benign ? "n/a (benign)" : visibleOk + "/" + rs.stream()
                            .filter(FaultRecord::expectVisible).count(),
                    vis.length == 0 ? Double.NaN : vis[vis.length / 2],
                    rs.stream().filter(FaultRecord::recovered).count() + "/" + rs.size(),
                    rec.length == 0 ? Double.NaN : rec[rec.length / 2],
                    rec.length == 0 ? Double.NaN : rec[rec.length - 1]);
        }
        StringBuilder sb = new StringBuilder("## Fault soak: ").append(o.passed() ? "PASSED" : "FAILED").append("\n\n")
                .append(t.render()).append("\n");
        sb.append("- control (no fault): ").append(o.controlProblems()).append(" of ").append(o.controlReadings())
                .append(" health readings showed a problem\n");
        sb.append("- fuzzed messages: ").append(o.fuzzMessages()).append(" (error answers: ")
                .append(o.fuzzErrorsAnswered()).append(")\n");
        sb.append("- max upstream sockets at the sim: ").append(o.maxUpstreamSockets()).append("\n");
        MarkdownTable mem = new MarkdownTable("process", "RSS first MB", "RSS last MB", "RSS max MB");
        o.maxRssMb().keySet().stream().sorted().forEach(k -> mem.row(k, o.firstRssMb().getOrDefault(k, Double.NaN),
                o.lastRssMb().getOrDefault(k, Double.NaN), o.maxRssMb().get(k)));
        sb.append("\n").append(mem.render()).append("\n");
        sb.append("- secrets found in logs: ").append(o.secretFindings().size()).append("\n");
        if (!o.violations().isEmpty()) {
            sb.append("\n### Violations\n\n");
            o.violations().forEach(v -> sb.append("- ").append(v).append("\n"));
        }
        if (!o.observations().isEmpty()) {
            sb.append("\n### Observations\n\n");
            o.observations().forEach(v -> sb.append("- ").append(v).append("\n"));
        }
        return sb.toString();
    }
}
