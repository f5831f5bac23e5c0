package io.tickwarden.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.bench.client.SymbolUniverse;
import io.tickwarden.testing.FreePorts;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.TcpProxy;
import io.tickwarden.testing.TickwardenSystem;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The whole system as demo.sh runs it (Redis, kite-sim or with {@code --broker angel} smartapi-sim, session, auth,
 * two feed replicas, gateway), but on free loopback ports so a bench never collides with a demo, and with the
 * session clock simulated inside a LIVE session so the feed is in market hours whatever the real time is.
 */
public final class Cluster implements AutoCloseable {

    public static final String GATEWAY_KEY = "demo-key";
    public static final String ADMIN_KEY = "demo-admin";
    /** The demo's fixed encryption key (demo.sh): a sim on localhost only. */
    public static final String TOKEN_KEY = "ZGVtby1vbmx5LWtleS1uZXZlci11c2UtZm9yLXJlYWw=";

    public static final String API_SECRET = "sim_api_secret";
    public static final List<String> MODULES =
            List.of("kite-sim", "smartapi-sim", "session-service", "auth-service", "feed-service", "gateway");
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final Duration READY = Duration.ofSeconds(120);

    private final ClusterConfig config;
    private final Http http = new Http();
    private RedisProcess redis;
    private final Map<String, QuarkusAppProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final AppSnapshots snapshots;
    /** Between the second feed replica and Redis, so the soak can cut a leader off ({@code cut_leader}). */
    private TcpProxy feedRedisProxy;

    public Cluster(ClusterConfig config) {
        this.config = config;
        this.snapshots = new AppSnapshots(config.outDir().resolve("apps"));
        this.redis = new RedisProcess(FreePorts.next());
        for (String m : MODULES) {
            ports.put(m, FreePorts.next());
        }
        ports.put("feed-service-2", FreePorts.next());
        ports.put("gateway-2", FreePorts.next());
    }

    /** 1 (default) or 2 gateway replicas, {@code gateway} and {@code gateway-2}; call before starting. */
    public Cluster gatewayReplicas(int n) {
        if (n < 1 || n > 2) {
            throw new IllegalArgumentException("--gateways must be 1 or 2, not " + n);
        }
        this.gatewayReplicas = n;
        return this;
    }

    /** Which module jars are missing (empty when the system can run). */
    public static List<String> missingJars() {
        return MODULES.stream()
                .filter(m -> QuarkusAppProcess.findJar(m).isEmpty())
                .toList();
    }

    public Http http() {
        return http;
    }

    public RedisProcess redis() {
        return redis;
    }

    /**
     * Redis as a Sentinel set (primary, replica, three Sentinels) and every service in Sentinel mode; call before
     * starting (the bench's {@code --sentinel}).
     */
    public Cluster withSentinel() {
        this.redis = RedisProcess.sentinel();
        return this;
    }

    public QuarkusAppProcess service(String name) {
        return services.get(name);
    }

    public Map<String, QuarkusAppProcess> services() {
        return services;
    }

    public String simUrl() {
        return "http://127.0.0.1:" + ports.get(config.simModule());
    }

    public ClusterConfig config() {
        return config;
    }

    public String authUrl() {
        return "http://127.0.0.1:" + ports.get("auth-service");
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    public int gatewayPort() {
        return ports.get("gateway");
    }

    public String gatewayWsUri() {
        return "ws://127.0.0.1:" + ports.get("gateway") + "/ws/market?token=" + GATEWAY_KEY;
    }

    private List<String> watchlist = List.of();
    private int gatewayReplicas = 1;

    /** Starts everything with the configured watchlist. */
    public void start() {
        startSim();
        startRest(config.watchlist());
    }

    /** Redis and the sim only: a scenario reads the instruments dump before it picks the feed's watchlist. */
    public void startSim() {
        redis.start();
        if (config.angel()) {
            Map<String, String> angelEnv = new HashMap<>();
            angelEnv.put("SMARTAPI_SIM_TICKS_PER_SECOND", trimNumber(config.ticksPerSecond()));
            angelEnv.put("SMARTAPI_SIM_SEED", "42");
            define("smartapi-sim", "smartapi-sim", ports.get("smartapi-sim"), angelEnv);
            services.get("smartapi-sim").start(READY);
            return;
        }
        Map<String, String> simEnv = new HashMap<>();
        simEnv.put("KITE_SIM_REDIRECT_URL", authUrl() + "/api/auth/callback");
        simEnv.put("KITE_SIM_TICKS_PER_SECOND", trimNumber(config.ticksPerSecond()));
        simEnv.put("KITE_SIM_SEED", "42");
        if (config.sendLog() != null) {
            simEnv.put("KITE_SIM_SEND_LOG", config.sendLog().toString());
        }
        define("kite-sim", "kite-sim", ports.get("kite-sim"), simEnv);
        services.get("kite-sim").start(READY);
    }

    /** session-service (on a LIVE simulated clock), then auth, feed replicas and gateway in parallel. */
    public void startRest(List<String> watchlist) {
        this.watchlist = List.copyOf(watchlist);
        Map<String, String> common = commonEnv();
        String sim = simUrl();

        Map<String, String> sessionEnv = new HashMap<>(common);
        sessionEnv.put("SESSION_CLOCK_START", liveInstantGuess().toString());
        sessionEnv.put("SESSION_CLOCK_SPEED", "1");
        define("session-service", "session-service", ports.get("session-service"), sessionEnv);

        Map<String, String> authEnv = new HashMap<>(common);
        authEnv.put("GATEWAY_URL", gatewayUrl() + "/");
        authEnv.put("AUTH_PUBLIC_URL", authUrl());
        if (config.angel()) {
            // smartapi-sim's demo account; the PIN and TOTP secret go to auth-service only.
            authEnv.put("ANGEL_PIN", "1111");
            authEnv.put("ANGEL_TOTP_SECRET", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        }
        define("auth-service", "auth-service", ports.get("auth-service"), authEnv);

        for (int i = 1; i <= config.feedReplicas(); i++) {
            Map<String, String> feedEnv = new HashMap<>(common);
            feedEnv.put("FEED_INSTANCE_ID", "bench-feed-" + i);
            feedEnv.put("FEED_SCHEDULE", "always");
            feedEnv.put("FEED_MODE", config.feedMode());
            if (redis.sentinelMode()) {
                // Ride out a failover without fencing the leader (docs/operations.md "Sentinel").
                feedEnv.put("FEED_LEASE_FENCE_AFTER", TickwardenSystem.SENTINEL_LEASE_FENCE_AFTER);
                feedEnv.put("FEED_LEASE_TTL", TickwardenSystem.SENTINEL_LEASE_TTL);
            }
            if (!this.watchlist.isEmpty()) {
                feedEnv.put("FEED_WATCHLIST", String.join(",", this.watchlist));
            }
            String name = i == 1 ? "feed-service" : "feed-service-" + i;
            // The proxy stands in front of one Redis; with Sentinel a replica must ask the Sentinels, so no proxy.
            if (i == 2 && !redis.sentinelMode()) {
                feedRedisProxy = TcpProxy.start("127.0.0.1", redis.port());
                feedEnv.put("REDIS_URL", "redis://127.0.0.1:" + feedRedisProxy.port());
            }
            define(name, "feed-service", ports.get(name), feedEnv);
        }

        Map<String, String> gwEnv = new HashMap<>(common);
        gwEnv.put("GATEWAY_API_KEYS", GATEWAY_KEY);
        gwEnv.put("AUTH_SERVICE_URL", authUrl());
        gwEnv.put("SESSION_SERVICE_URL", "http://127.0.0.1:" + ports.get("session-service"));
        // Every replica, so the gateway's probes also see a dead standby.
        String feedUrls = java.util.stream.IntStream.rangeClosed(1, config.feedReplicas())
                .mapToObj(i -> "http://127.0.0.1:" + ports.get(i == 1 ? "feed-service" : "feed-service-" + i))
                .collect(java.util.stream.Collectors.joining(","));
        gwEnv.put("FEED_SERVICE_URL", feedUrls);
        gwEnv.put("GATEWAY_SERVICES_AUTH_URL", authUrl());
        gwEnv.put("GATEWAY_SERVICES_SESSION_URL", "http://127.0.0.1:" + ports.get("session-service"));
        gwEnv.put("GATEWAY_SERVICES_FEED_URL", feedUrls);
        gwEnv.put("GATEWAY_INSTANCE_ID", "bench-gw-1");
        define("gateway", "gateway", ports.get("gateway"), gwEnv);
        if (gatewayReplicas > 1) {
            Map<String, String> gw2Env = new HashMap<>(gwEnv);
            gw2Env.put("GATEWAY_INSTANCE_ID", "bench-gw-2");
            define("gateway-2", "gateway", ports.get("gateway-2"), gw2Env);
        }

        services.get("session-service").start(READY);
        ensureLiveSession(sim);
        List<CompletableFuture<Void>> rest = new ArrayList<>();
        services.values().stream()
                .filter(s -> !s.isRunning())
                .forEach(s -> rest.add(CompletableFuture.runAsync(() -> s.start(READY))));
        CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).join();
    }

    private Map<String, String> commonEnv() {
        Map<String, String> env = new HashMap<>();
        env.putAll(redis.clientEnv());
        env.put("ADMIN_API_KEY", ADMIN_KEY);
        env.put("TOKEN_ENCRYPTION_KEY", TOKEN_KEY);
        env.put("KITE_API_URL", simUrl());
        env.put("KITE_WS_URL", "ws://127.0.0.1:" + ports.get("kite-sim"));
        env.put("KITE_LOGIN_URL", simUrl() + "/connect/login");
        env.put("KITE_API_KEY", "sim_api_key");
        env.put("KITE_API_SECRET", API_SECRET);
        // As demo.sh: lets auth-service accept the deliberately simple demo keys (never set it for real).
        env.put("AUTH_ALLOW_DEMO_SECRETS", "true");
        env.put("BROKER", config.broker());
        if (config.angel()) {
            String angel = "http://127.0.0.1:" + ports.get("smartapi-sim");
            env.put("ANGEL_API_URL", angel);
            env.put("ANGEL_WS_URL", angel.replace("http://", "ws://") + "/smart-stream");
            env.put("ANGEL_INSTRUMENTS_URL", angel + "/OpenAPI_File/files/OpenAPIScripMaster.json");
            env.put("ANGEL_API_KEY", "sim_angel_api_key");
            env.put("ANGEL_CLIENT_CODE", "S100001");
        }
        return env;
    }

    private void define(String name, String module, int port, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(config.extraEnv().getOrDefault(module, Map.of()));
        Path jar = snapshots.jar(module);
        services.put(
                name,
                new QuarkusAppProcess(
                        name,
                        jar,
                        port,
                        Map.of(),
                        all,
                        List.of("-Xmx256m"),
                        config.outDir().resolve("logs").resolve(name + ".log")));
    }

    /** The next weekday at 10:00 IST: a LIVE instant unless it is an exchange holiday (checked afterwards). */
    private static OffsetDateTime liveInstantGuess() {
        LocalDate d = LocalDate.now(IST).plusDays(1);
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d.atTime(LocalTime.of(10, 0)).atOffset(ZoneOffset.ofHoursMinutes(5, 30));
    }

    /** If the guessed day is a holiday, find a LIVE day through /api/session/at and restart the clock there. */
    private void ensureLiveSession(String unused) {
        String base = "http://127.0.0.1:" + ports.get("session-service");
        if ("LIVE"
                .equals(http.get(base + "/api/session?exchange=NSE")
                        .json()
                        .path("phase")
                        .asText())) {
            return;
        }
        OffsetDateTime t = liveInstantGuess();
        for (int i = 0; i < 30; i++, t = t.plusDays(1)) {
            JsonNode at = http.get(base + "/api/session/at?exchange=NSE&time=" + t.toInstant())
                    .json();
            if ("LIVE".equals(at.path("phase").asText())) {
                QuarkusAppProcess s = services.get("session-service");
                s.stop();
                QuarkusAppProcess replaced = new QuarkusAppProcess(
                        s.name(),
                        snapshots.jar("session-service"),
                        s.port(),
                        Map.of(),
                        withEnv(s, "SESSION_CLOCK_START", t.toString()),
                        List.of("-Xmx256m"),
                        s.logFile());
                services.put(s.name(), replaced);
                replaced.start(READY);
                return;
            }
        }
    }

    private Map<String, String> withEnv(QuarkusAppProcess s, String key, String value) {
        Map<String, String> env = new HashMap<>(commonEnv());
        env.put("SESSION_CLOCK_SPEED", "1");
        env.put(key, value);
        return env;
    }

    /**
     * What every scenario starts with: Redis and kite-sim, the first {@code instruments} of the sim's instruments
     * dump as the feed's watchlist, the other services, and a login. Throws (with auth-service's state) when the
     * login fails.
     */
    public SymbolUniverse startLoggedIn(int instruments) {
        startSim();
        SymbolUniverse universe = universe(instruments);
        startRest(universe.symbols());
        if (!login()) {
            throw new IllegalStateException(
                    "login failed: " + http.get(authUrl() + "/api/auth/state").body());
        }
        return universe;
    }

    /** The first {@code instruments} of the running sim's universe, as Kite names them (both sims share it). */
    public SymbolUniverse universe(int instruments) {
        return config.angel()
                ? SymbolUniverse.fromSharedCatalog(instruments)
                : SymbolUniverse.fromKiteSim(http, simUrl(), instruments);
    }

    /**
     * Kite: logs in the way a browser does (auth-service login -> kite-sim login page -> callback -> gateway). Angel
     * One: auth-service logs in by itself; waits up to a minute for it.
     */
    public boolean login() {
        if (config.angel()) {
            return Waits.until(Duration.ofSeconds(60), 200, this::authValid);
        }
        http.get(authUrl() + "/api/auth/login");
        return authValid();
    }

    public boolean authValid() {
        return http.get(authUrl() + "/api/auth/state").json().path("is_valid").asBoolean(false);
    }

    public JsonNode health() {
        return http.get(gatewayUrl() + "/api/system/health").json();
    }

    public JsonNode simStats() {
        return http.get(simUrl() + "/sim/stats").json();
    }

    public Http.Response simFault(String kind, long durationMs) {
        String body = durationMs > 0
                ? "{\"kind\":\"" + kind + "\",\"duration_ms\":" + durationMs + "}"
                : "{\"kind\":\"" + kind + "\"}";
        return http.post(simUrl() + "/sim/faults", body);
    }

    public Http.Response clearFault(String kind) {
        return http.delete(simUrl() + "/sim/faults/" + kind);
    }

    public Http.Response expireTokens() {
        return http.post(simUrl() + "/sim/tokens/expire", null);
    }

    public Http.Response simRate(double tps) {
        return http.post(simUrl() + "/sim/rate", "{\"ticks_per_second\":" + trimNumber(tps) + "}");
    }

    /** feed-service replicas by name. */
    public List<QuarkusAppProcess> feeds() {
        return services.entrySet().stream()
                .filter(e -> e.getKey().startsWith("feed-service"))
                .map(Map.Entry::getValue)
                .toList();
    }

    public JsonNode feedState(QuarkusAppProcess feed) {
        return http.get(feed.baseUrl() + "/api/feed/state").json();
    }

    /** The replica that says it is the leader, if any answers so. */
    public Optional<QuarkusAppProcess> leader() {
        return feeds().stream()
                .filter(QuarkusAppProcess::isRunning)
                .filter(f -> feedState(f).path("is_leader").asBoolean(false))
                .findFirst();
    }

    /** The proxy in front of the second feed replica's Redis (empty with one replica). */
    public Optional<TcpProxy> feedRedisProxy() {
        return Optional.ofNullable(feedRedisProxy);
    }

    /** The feed replica behind {@link #feedRedisProxy()}, or null. */
    public QuarkusAppProcess proxiedFeed() {
        return feedRedisProxy == null ? null : services.get("feed-service-2");
    }

    public List<Path> logs() {
        List<Path> logs = new ArrayList<>();
        services.values().forEach(s -> logs.add(s.logFile()));
        return logs;
    }

    private static String trimNumber(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    @Override
    public void close() {
        List<QuarkusAppProcess> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(QuarkusAppProcess::stop);
        if (feedRedisProxy != null) {
            feedRedisProxy.close();
        }
        redis.close();
    }
}
