package io.tickwarden.bench;

import io.tickwarden.bench.scenario.FanoutScenario;
import io.tickwarden.bench.scenario.RecoveryScenario;
import io.tickwarden.bench.soak.FaultSoak;
import io.tickwarden.bench.system.Cluster;
import java.util.List;

/**
 * Entry point of bench.jar: {@code java -jar bench/target/bench.jar <fanout|recovery|history|pubsub|soak> [--option value...]},
 * run from the repository root (the packaged service jars are found under it). Each scenario starts the whole
 * system itself on free loopback ports and stops it at the end.
 */
public final class BenchMain {

    private static final String HELP = """
            usage: java -jar bench/target/bench.jar <scenario> [options]   (from the repository root)

              fanout    --clients 100,500,1000,2000 --symbols 50 --instruments 3000 --rate 2 --duration 30s
                        --warmup 10s --reps 3 --saturated-ms 500 --mode quote --peer nats|none --idle 2000
                        --idle-reps 3 --out DIR --work DIR --img DIR
                        (gateway and NATS alternate --reps times per client count; medians over unsaturated reps)
              recovery  --reps 20 --kinds drop,silence,expired_login,leader_handover,redis_restart
                        --clients 50 --symbols 20 --instruments 1000 --rate 2 --out DIR --img DIR
              history   --instruments 3000 --rate 2 --reps 2 --max-ticks 300 --duration 60s --warmup 15s
                        (the cost of the feed's tick history: history off and on, alternated, fresh system each)
              pubsub    --subscribers 1,4,8 --rates 2000,6000,12000,24000,48000,96000,192000
                        --duration 20s --warmup 5s
                        --step 500ms --max-ticks-per-message 250 --mode quote --history-cost DIR
                        (Redis pub/sub fan-out of feed.ticks alone: a redis-server, a publisher, raw subscribers;
                        no services)
              up        --minutes 10 --instruments 300 --soak-env true   (start the system, log in, print the
                        URLs and keep it running: for looking at a configuration by hand)
              failover  --reps 10 --clients 50 --symbols 5 --instruments 100 --rate 5 --out DIR
                        (Redis as a Sentinel set; SIGKILL of the primary per rep: promotion, client gap p50/max)
              soak      --duration 10m --clients 50 --symbols 20 --instruments 500 --rate 2 --seed 1 --out DIR
                        (--faults N: exactly N faults instead of as many as fit into --duration; --gateways 2
                        (default): clients spread over two gateway replicas, kill_gateway SIGKILLs one; --sentinel:
                        Redis as a Sentinel set, with sentinel_failover in place of redis_restart)

              charts    --fanout results.json --recovery results.json --img docs/img   (re-render PNGs)

            Every scenario but charts takes --broker kite|angel (default kite): angel runs the system on smartapi-sim
            with BROKER=angel (the soak then injects Angel's faults: no_pong, reject_401, reject_429 for Kite's
            no_heartbeat, reject_403, reject_500).
            Results (JSON + Markdown, PNG charts) go to --out (default bench/results/<scenario>-<stamp>, to commit);
            fanout's app logs and send log go to --work (default bench/target/work/fanout-<stamp>).
            """;

    private BenchMain() {}

    private static void upForInspection(BenchArgs args) {
        java.nio.file.Path out =
                args.path("out", java.nio.file.Path.of("bench/target/results")).toAbsolutePath();
        var config = new io.tickwarden.bench.system.ClusterConfig(
                out,
                args.decimal("rate", 2),
                List.of(),
                "quote",
                null,
                2,
                args.flag("soak-env") ? FaultSoak.soakEnv() : java.util.Map.of(),
                args.string("broker", "kite"));
        try (Cluster cluster = new Cluster(config)) {
            cluster.startSim();
            var universe = cluster.universe(args.integer("instruments", 300));
            cluster.startRest(universe.symbols());
            System.out.println("logged in: " + cluster.login());
            cluster.services()
                    .forEach((n, s) ->
                            System.out.println(n + " " + s.baseUrl() + " pid " + s.pid() + " log " + s.logFile()));
            System.out.println("redis " + cluster.redis().url() + "\ngateway ws " + cluster.gatewayWsUri());
            io.tickwarden.bench.system.Waits.sleep(java.time.Duration.ofMinutes(args.integer("minutes", 10)));
        }
    }

    public static void main(String[] argv) throws Exception {
        System.setProperty("java.awt.headless", "true");
        // Ctrl-C or SIGTERM of the bench must not leave Redis, the services or nats-server running.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
                            ProcessHandle.current().descendants().forEach(p -> {
                                try {
                                    p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                                } catch (Exception e) {
                                    p.destroyForcibly();
                                }
                            });
                        },
                        "bench-reaper"));
        BenchArgs args = BenchArgs.parse(argv);
        if (args.scenario().equals("charts")) {
            if (args.string("fanout", null) != null) {
                io.tickwarden.bench.scenario.FanoutReport.chartsFromJson(
                        args.path("fanout", null), args.path("img", java.nio.file.Path.of(".")));
            }
            if (args.string("recovery", null) != null) {
                RecoveryScenario.chartsFromJson(
                        args.path("recovery", null), args.path("img", java.nio.file.Path.of(".")));
            }
            return;
        }
        if (args.scenario().equals("pubsub")) {
            // Only Redis and the bench itself: no packaged services needed.
            new io.tickwarden.bench.scenario.PubSubCapacityScenario(args).run();
            System.exit(0);
        }
        if (args.scenario().equals("startup"))
            System.exit(new io.tickwarden.bench.scenario.StartupScenario(args).run());
        if (!List.of("fanout", "recovery", "soak", "up", "history", "failover").contains(args.scenario())) {
            System.out.println(HELP);
            System.exit(args.scenario().equals("help") ? 0 : 2);
        }
        List<String> missing = Cluster.missingJars();
        if (!missing.isEmpty()) {
            System.err.println("missing packaged apps " + missing + ": run ./mvnw -B -pl kite-sim,session-service,"
                    + "auth-service,feed-service,gateway,bench -am package -DskipTests from the repository root first");
            System.exit(2);
        }
        int exit = switch (args.scenario()) {
            case "fanout" -> {
                new FanoutScenario(args).run();
                yield 0;
            }
            case "up" -> {
                upForInspection(args);
                yield 0;
            }
            case "recovery" -> {
                new RecoveryScenario(args).run();
                yield 0;
            }
            case "history" -> {
                new io.tickwarden.bench.scenario.HistoryCostScenario(args).run();
                yield 0;
            }
            case "failover" -> {
                new io.tickwarden.bench.scenario.FailoverScenario(args).run();
                yield 0;
            }
            default -> new FaultSoak(args).run().passed() ? 0 : 1;
        };
        System.exit(exit);
    }
}
