package io.tickwarden.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole system as real processes on free ports: redis-server, kite-sim (or smartapi-sim after
 * {@link #broker(String) broker("angel")}) and the packaged services, wired together as ./demo.sh wires them. For
 * end-to-end tests that must drive real states through every service. Start only what a test needs;
 * {@link #close()} stops everything in reverse order.
 */
public final class TickwardenSystem implements AutoCloseable {

    public static final String CLIENT_KEY = "e2e-client-key";
    public static final String ADMIN_KEY = "e2e-admin-key-0123456789";
    /** base64 of 32 bytes; test-only. */
    public static final String TOKEN_KEY = "ZTJlLW9ubHkta2V5LW5ldmVyLXVzZS1mb3ItcmVhbCE=";

    private final RedisServerProcess redis;
    /** The Sentinel set every service follows instead of {@link #redis}, in Sentinel mode; else null. */
    private final RedisSentinelSet sentinels;

    private final Map<String, QuarkusAppProcess> apps = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, Map<String, String>> overrides = new HashMap<>();
    private String broker = "kite";
    private final Map<String, TcpProxy> redisProxies = new LinkedHashMap<>();

    private TickwardenSystem() {
        this(false);
    }

    private TickwardenSystem(boolean sentinelMode) {
        for (String name :
                new String[] {"kite-sim", "smartapi-sim", "session-service", "auth-service", "feed-service", "gateway"
                }) {
            ports.put(name, FreePorts.next());
        }
        this.sentinels = sentinelMode ? RedisSentinelSet.start() : null;
        this.redis = sentinelMode ? null : RedisServerProcess.startOnFreePort();
    }

    /** A system with Redis running and nothing else yet. */
    public static TickwardenSystem create() {
        return new TickwardenSystem();
    }

    /**
     * A system whose Redis is a {@link RedisSentinelSet} (primary, replica, three Sentinels), running and nothing
     * else yet. Every service started is in Sentinel mode ({@code quarkus.redis.client-type=sentinel}, the Sentinels
     * as hosts), as docs/operations.md "Sentinel" configures production.
     */
    public static TickwardenSystem createWithSentinel() {
        return new TickwardenSystem(true);
    }

    /** The Sentinel set, in Sentinel mode ({@link #createWithSentinel()}). */
    public RedisSentinelSet sentinels() {
        if (sentinels == null) {
            throw new IllegalStateException("not in Sentinel mode; use createWithSentinel()");
        }
        return sentinels;
    }

    /**
     * The broker every service is configured for ({@code BROKER}): {@code kite} (the default, with kite-sim) or
     * {@code angel} (with smartapi-sim; only auth-service gets the PIN and TOTP secret). Call before starting.
     */
    public TickwardenSystem broker(String name) {
        if (!name.equals("kite") && !name.equals("angel")) {
            throw new IllegalArgumentException("unknown broker " + name + "; kite or angel");
        }
        this.broker = name;
        return this;
    }

    /**
     * Extra or overriding system properties for one module, applied when it is started; or for one instance started
     * by {@link #startInstance} (given by its name, applied over the module's).
     */
    public TickwardenSystem with(String module, String property, String value) {
        overrides.computeIfAbsent(module, m -> new HashMap<>()).put(property, value);
        return this;
    }

    public TickwardenSystem start(String... modules) {
        for (String module : modules) {
            QuarkusAppProcess app = new QuarkusAppProcess(module, port(module), properties(module));
            apps.put(module, app);
            app.start();
        }
        return this;
    }

    /**
     * Starts a further instance of {@code module} named {@code name} (e.g. a second gateway replica,
     * {@code startInstance("gateway", "gateway-b")}) on a port and log of its own, configured like the module plus the
     * {@link #with} overrides given for {@code name}. It is then {@link #app(String) app(name)}, {@link #url(String)
     * url(name)}, and is stopped by {@link #close()} like the others. Other services still point at the module's
     * first instance.
     */
    public QuarkusAppProcess startInstance(String module, String name) {
        if (apps.containsKey(name) || name.equals(module)) {
            throw new IllegalStateException(name + " is already started; give the instance a name of its own");
        }
        ports.computeIfAbsent(name, n -> FreePorts.next());
        Map<String, String> p = properties(module);
        p.putAll(overrides.getOrDefault(name, Map.of()));
        QuarkusAppProcess app;
        try {
            app = new QuarkusAppProcess(
                    name,
                    QuarkusAppProcess.locateJar(module),
                    port(name),
                    p,
                    Map.of(),
                    java.util.List.of("-Xmx256m"),
                    java.nio.file.Files.createTempFile("tickwarden-" + name + "-", ".log"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        apps.put(name, app);
        app.start();
        return app;
    }

    /**
     * Puts a {@link TcpProxy} between the module or instance {@code name} and Redis (its {@code quarkus.redis.hosts}
     * points at the proxy), so a test can cut that one process off from Redis while the others keep it. Call before
     * starting {@code name}; the proxy is closed by {@link #close()}.
     */
    public TcpProxy proxyRedisFor(String name) {
        if (apps.containsKey(name)) {
            throw new IllegalStateException(name + " is already started; proxy its Redis before starting it");
        }
        if (sentinels != null) {
            throw new IllegalStateException("proxyRedisFor needs the single Redis; in Sentinel mode cut a process off "
                    + "by killing the primary instead");
        }
        TcpProxy proxy = redisProxies.computeIfAbsent(name, n -> TcpProxy.start("localhost", redis.port()));
        with(name, "quarkus.redis.hosts", proxy.redisUrl());
        return proxy;
    }

    /** A second (third...) gateway, {@code startInstance("gateway", name)}. */
    public QuarkusAppProcess startGatewayReplica(String name) {
        return startInstance("gateway", name);
    }

    /** The Redis server; in Sentinel mode the current primary (another one after a failover). */
    public RedisServerProcess redis() {
        return sentinels != null ? sentinels.primary() : redis;
    }

    public QuarkusAppProcess app(String module) {
        QuarkusAppProcess app = apps.get(module);
        if (app == null) {
            throw new IllegalStateException(module + " was not started");
        }
        return app;
    }

    public int port(String module) {
        return ports.get(module);
    }

    public String url(String module) {
        return "http://localhost:" + port(module);
    }

    private Map<String, String> properties(String module) {
        Map<String, String> p = new HashMap<>();
        String kite = url("kite-sim");
        switch (module) {
            case "kite-sim" -> p.put("kite-sim.redirect-url", url("auth-service") + "/api/auth/callback");
            case "smartapi-sim" -> p.put("smartapi-sim.seed", "42");
            case "session-service" -> p.put("session.admin-api-key", ADMIN_KEY);
            case "auth-service" -> {
                p.put("auth.gateway-url", url("gateway") + "/");
                p.put("auth.public-url", url("auth-service"));
                p.put("auth.admin-api-key", ADMIN_KEY);
                p.put("auth.token-encryption-key", TOKEN_KEY);
            }
            case "feed-service" -> {
                p.put("feed.token-encryption-key", TOKEN_KEY);
                p.put("feed.admin-api-key", ADMIN_KEY);
                p.put("feed.schedule", "always");
            }
            case "gateway" -> {
                p.put("gateway.api-keys", CLIENT_KEY);
                p.put("gateway.services.auth-url", url("auth-service"));
                p.put("gateway.services.auth-public-url", url("auth-service"));
                p.put("gateway.services.session-url", url("session-service"));
                p.put("gateway.services.feed-url", url("feed-service"));
            }
            default -> throw new IllegalArgumentException("unknown module " + module);
        }
        if (!module.endsWith("-sim")) {
            redisProperties(module, p);
            p.put("BROKER", broker);
            p.put("kite.api-url", kite);
            p.put("kite.ws-url", kite.replace("http://", "ws://"));
            p.put("kite.login-url", kite + "/connect/login");
            p.put("kite.api-key", "sim_api_key");
            p.put("kite.api-secret", "sim_api_secret");
            if (broker.equals("angel")) {
                String angel = url("smartapi-sim");
                p.put("angel.api-url", angel);
                p.put("angel.ws-url", angel.replace("http://", "ws://") + SmartApiSimTestResource.STREAM_PATH);
                p.put("angel.instruments-url", angel + SmartApiSimTestResource.INSTRUMENTS_PATH);
                p.put("angel.api-key", SmartApiSimTestResource.API_KEY);
                p.put("angel.client-code", SmartApiSimTestResource.CLIENT_CODE);
                if (module.equals("auth-service")) {
                    p.put("angel.pin", SmartApiSimTestResource.PIN);
                    p.put("angel.totp-secret", SmartApiSimTestResource.TOTP_SECRET);
                }
            }
        }
        p.putAll(overrides.getOrDefault(module, Map.of()));
        return p;
    }

    /** Where a service finds Redis: the one server, or in Sentinel mode the Sentinels and the set's name. */
    private void redisProperties(String module, Map<String, String> p) {
        if (sentinels == null) {
            p.put("quarkus.redis.hosts", redis.url());
            return;
        }
        p.put("quarkus.redis.client-type", "sentinel");
        p.put("quarkus.redis.hosts", String.join(",", sentinels.sentinelUrls()));
        p.put("quarkus.redis.master-name", RedisSentinelSet.MASTER_NAME);
        p.put("quarkus.redis.role", "master");
        if (module.startsWith("feed-service")) {
            // A failover leaves no primary for about 2.5 s; with the default 3 s fence after a 1 s renew interval the
            // leader fenced itself (a new term, an upstream reconnect). 5 s rides it out; the TTL keeps its 2 s margin.
            p.put("feed.lease.fence-after", SENTINEL_LEASE_FENCE_AFTER);
            p.put("feed.lease.ttl", SENTINEL_LEASE_TTL);
        }
    }

    /** feed-service's lease settings in Sentinel mode (docs/operations.md "Sentinel"). */
    public static final String SENTINEL_LEASE_FENCE_AFTER = "5s";

    public static final String SENTINEL_LEASE_TTL = "7s";

    @Override
    public void close() {
        var list = new java.util.ArrayList<>(apps.values());
        java.util.Collections.reverse(list);
        list.forEach(QuarkusAppProcess::close);
        redisProxies.values().forEach(TcpProxy::close);
        if (redis != null) {
            redis.close();
        }
        if (sentinels != null) {
            sentinels.close();
        }
    }
}
