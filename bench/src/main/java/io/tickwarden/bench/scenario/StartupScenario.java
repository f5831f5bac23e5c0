package io.tickwarden.bench.scenario;

import io.tickwarden.bench.BenchArgs;
import io.tickwarden.bench.report.Json;
import io.tickwarden.bench.report.Machine;
import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.RedisProcess;
import io.tickwarden.testing.FreePorts;
import io.tickwarden.testing.QuarkusAppProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start to ready and idle RSS of every app ({@code bench/run.sh startup}): one Redis and one kite-sim (the other
 * apps' upstream) are started once; then for each app, {@code --starts} times, one process at a time, each variant
 * in turn (A, B, A, B, ... so drift on a shared machine hits both): spawn, time to the first 200 of
 * {@code /q/health/ready}, {@code --idle} seconds with no clients, VmRSS, SIGTERM. Every app becomes ready with
 * Redis alone (their readiness checks are Redis, the restored state and the subscriptions); the kite-sim is there so
 * feed and auth start against a reachable broker as in the demo.
 *
 * <pre>
 *   bench/run.sh startup --snapshot before        (copies each &lt;module&gt;/target/quarkus-app to bench/target/startup-apps/before)
 *   bench/run.sh startup --starts 10 --variants before,after --after-jvm "-Xmx256m -XX:AOTCache=app.aot"
 * </pre>
 */
public final class StartupScenario {

    static final List<String> APPS = Cluster.MODULES;
    private static final double TARGET_MS = 1500;
    private static final double TARGET_MB = 150;

    private final BenchArgs args;

    public StartupScenario(BenchArgs args) {
        this.args = args;
    }

    public int run() {
        List<String> apps = list(args.string("apps", String.join(",", APPS)));
        String snapshot = args.string("snapshot", null);
        if (snapshot != null) {
            System.out.println("startup: snapshot of " + apps + " in " + StartupVariant.snapshot(snapshot, apps));
            return 0;
        }
        int starts = args.integer("starts", 10);
        List<StartupVariant> variants = list(args.string("variants", "current")).stream()
                .map(v -> StartupVariant.from(v, args))
                .toList();
        Path java = args.path("java", Path.of(System.getProperty("java.home"), "bin", "java"));
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path out = args.path("out", Path.of("bench/results/startup-" + stamp)).toAbsolutePath();
        Path logs = out.resolve("logs");
        StartupProbe probe = new StartupProbe(
                java,
                args.duration("poll", Duration.ofMillis(15)),
                args.duration("idle", Duration.ofSeconds(5)),
                args.duration("ready-timeout", Duration.ofSeconds(60)));
        StartupReport report = new StartupReport();
        Map<String, String> flags = new LinkedHashMap<>();
        variants.forEach(v -> flags.put(v.name(), v.describe()));
        Map<String, Object> header = header(java, starts, apps);

        RedisProcess redis = new RedisProcess(FreePorts.next());
        int simPort = FreePorts.next();
        QuarkusAppProcess sim = null;
        try {
            redis.start();
            Map<String, String> common = commonEnv(redis, simPort);
            sim = new QuarkusAppProcess(
                    "kite-sim-upstream",
                    QuarkusAppProcess.findJar("kite-sim").orElseThrow(),
                    simPort,
                    Map.of(),
                    simEnv(simPort),
                    List.of(StartupVariant.DEFAULT_JVM),
                    logs.resolve("kite-sim-upstream.log"));
            sim.start(Duration.ofSeconds(120));
            for (String app : apps) {
                int port = FreePorts.next();
                Map<String, String> env = appEnv(app, common, port, simPort);
                for (StartupVariant v : variants) {
                    if (v.train()) {
                        Path log = logs.resolve(app + "-" + v.name() + "-training.log");
                        StartupProbe.Result r = probe.train(v.appDir(app), v.trainingArgs(), port, env, log);
                        System.out.printf(
                                "startup: %-16s %-8s training start (records the AOT cache): ready %6.0f ms%n",
                                app, v.name(), r.readyMs());
                    }
                }
                for (int rep = 1; rep <= starts; rep++) {
                    for (StartupVariant v : variants) {
                        // One log per app and variant: small, and enough to read a failed start.
                        Path log = logs.resolve(app + "-" + v.name() + ".log");
                        StartupProbe.Result r = probe.run(v.appDir(app), v.jvmArgs(), port, env, log);
                        report.add(new StartupReport.Sample(
                                app,
                                v.name(),
                                rep,
                                r.readyMs(),
                                r.quarkusStartedMs(),
                                r.cpuMsToReady(),
                                r.idleRssMb(),
                                r.idleRssAnonMb()));
                        System.out.printf(
                                "startup: %-16s %-8s #%-2d ready %6.0f ms (Quarkus %5.0f ms, CPU %5.0f ms)  idle RSS"
                                        + " %5.1f MB (anon %5.1f)  load %s%n",
                                app,
                                v.name(),
                                rep,
                                r.readyMs(),
                                r.quarkusStartedMs(),
                                r.cpuMsToReady(),
                                r.idleRssMb(),
                                r.idleRssAnonMb(),
                                loadavg());
                    }
                }
                write(out, report, header, flags);
            }
        } finally {
            if (sim != null) {
                sim.stop();
            }
            redis.close();
        }
        header.put("loadavg_end", loadavg());
        write(out, report, header, flags);
        System.out.println(report.markdown(header, flags, TARGET_MS, TARGET_MB));
        System.out.println("startup: results in " + out);
        return 0;
    }

    private static void write(Path out, StartupReport report, Map<String, Object> header, Map<String, String> flags) {
        Json.write(out.resolve("startup.json"), report.json(header, flags));
        try {
            Files.writeString(out.resolve("startup.md"), report.markdown(header, flags, TARGET_MS, TARGET_MB));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> header(Path java, int starts, List<String> apps) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("started", Instant.now().toString());
        h.put("machine", Machine.describe());
        h.put("java", java.toString());
        h.put("java_version", javaVersion(java));
        h.put("starts_per_variant", starts);
        h.put("apps", apps);
        h.put(
                "method",
                "spawn -> first 200 of /q/health/ready (poll " + args.string("poll", "15ms") + "), then "
                        + args.string("idle", "5s") + " idle, VmRSS; one process at a time; variants alternated");
        h.put("loadavg_start", loadavg());
        return h;
    }

    private static Map<String, String> commonEnv(RedisProcess redis, int simPort) {
        Map<String, String> env = new HashMap<>(redis.clientEnv());
        String sim = "http://127.0.0.1:" + simPort;
        env.put("ADMIN_API_KEY", Cluster.ADMIN_KEY);
        env.put("TOKEN_ENCRYPTION_KEY", Cluster.TOKEN_KEY);
        env.put("KITE_API_URL", sim);
        env.put("KITE_WS_URL", "ws://127.0.0.1:" + simPort);
        env.put("KITE_LOGIN_URL", sim + "/connect/login");
        env.put("KITE_API_KEY", "sim_api_key");
        env.put("KITE_API_SECRET", Cluster.API_SECRET);
        env.put("AUTH_ALLOW_DEMO_SECRETS", "true");
        env.put("BROKER", "kite");
        return env;
    }

    private static Map<String, String> simEnv(int simPort) {
        Map<String, String> env = new HashMap<>();
        env.put("KITE_SIM_SEED", "42");
        env.put("KITE_SIM_REDIRECT_URL", "http://127.0.0.1:" + simPort + "/none");
        return env;
    }

    /** As demo.sh and the bench's Cluster start each app; the gateway's probes point at ports nobody listens on. */
    private static Map<String, String> appEnv(String app, Map<String, String> common, int port, int simPort) {
        Map<String, String> env = new HashMap<>(common);
        switch (app) {
            case "kite-sim" -> env.putAll(simEnv(simPort));
            case "smartapi-sim" -> env.put("SMARTAPI_SIM_SEED", "42");
            case "auth-service" -> {
                env.put("GATEWAY_URL", "http://127.0.0.1:" + FreePorts.next() + "/");
                env.put("AUTH_PUBLIC_URL", "http://127.0.0.1:" + port);
            }
            case "feed-service" -> env.put("FEED_INSTANCE_ID", "startup-bench");
            case "gateway" -> {
                env.put("GATEWAY_API_KEYS", Cluster.GATEWAY_KEY);
                env.put("GATEWAY_INSTANCE_ID", "startup-bench");
                String nowhere = "http://127.0.0.1:" + FreePorts.next();
                env.put("AUTH_SERVICE_URL", nowhere);
                env.put("SESSION_SERVICE_URL", nowhere);
                env.put("FEED_SERVICE_URL", nowhere);
            }
            default -> {}
        }
        return env;
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String javaVersion(Path java) {
        try {
            Process p = new ProcessBuilder(java.toString(), "-version")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return text.replace('\n', ' ');
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
