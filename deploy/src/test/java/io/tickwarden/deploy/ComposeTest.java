package io.tickwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docker-compose.yml parses, and its services, ports, healthchecks and environment match the apps. */
class ComposeTest {

    /** compose service -> module (and the host port the contract and demo.sh use). */
    static final Map<String, String> MODULE = Map.of(
            "kite-sim",
            "kite-sim",
            "smartapi-sim",
            "smartapi-sim",
            "session-service",
            "session-service",
            "auth-service",
            "auth-service",
            "feed-service-1",
            "feed-service",
            "feed-service-2",
            "feed-service",
            "gateway",
            "gateway");

    static final Map<String, Integer> HOST_PORT = Map.of(
            "kite-sim",
            8090,
            "smartapi-sim",
            8091,
            "session-service",
            8081,
            "auth-service",
            8082,
            "feed-service-1",
            8083,
            "feed-service-2",
            8084,
            "gateway",
            8080);
    /** The simulators and the compose profile that starts each (nothing else has a profile). */
    static final Map<String, String> SIM_PROFILE = Map.of("kite-sim", "sim", "smartapi-sim", "angel-sim");

    static final List<String> FEEDS = List.of("feed-service-1", "feed-service-2");
    /** The Angel One settings each service is given (names starting ANGEL_, and BROKER), and nothing more. */
    static final Set<String> AUTH_ANGEL_ENV = Set.of(
            "BROKER",
            "ANGEL_API_URL",
            "ANGEL_API_KEY",
            "ANGEL_CLIENT_CODE",
            "ANGEL_PIN_FILE",
            "ANGEL_TOTP_SECRET_FILE");

    static final Set<String> FEED_ANGEL_ENV = Set.of(
            "BROKER", "ANGEL_API_URL", "ANGEL_WS_URL", "ANGEL_INSTRUMENTS_URL", "ANGEL_API_KEY", "ANGEL_CLIENT_CODE");
    /** The compose secrets holding the PIN and the TOTP secret, and the variable naming each file in auth-service. */
    static final Map<String, String> ANGEL_SECRETS =
            Map.of("angel_pin", "ANGEL_PIN_FILE", "angel_totp_secret", "ANGEL_TOTP_SECRET_FILE");
    /** Variables compose itself reads from .env (not interpolated in the file). */
    static final Set<String> COMPOSE_OWN = Set.of("COMPOSE_PROFILES", "COMPOSE_PROJECT_NAME");

    static String raw;
    static Map<String, Object> compose;
    static Map<String, String> envExample;

    @BeforeAll
    static void load() {
        raw = Repo.read("docker-compose.yml");
        envExample = dotenv(Repo.read(".env.example"));
        compose = parse(raw);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String text) {
        // SnakeYAML resolves anchors, aliases and merge keys (<<) as compose does.
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    static Map<String, String> dotenv(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            assertTrue(eq > 0, ".env.example: not KEY=value: " + l);
            assertFalse(out.containsKey(l.substring(0, eq)), ".env.example: duplicate " + l.substring(0, eq));
            out.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return out;
    }

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?:(:?-)([^}]*))?}");

    /** Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, $$. */
    static String interpolate(String value, Map<String, String> env) {
        Matcher m = VAR.matcher(value.replace("$$", "\u0000"));
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            String replacement;
            if (m.group(2) == null) {
                replacement = v == null ? "" : v;
            } else if (m.group(2).equals(":-")) {
                replacement = v == null || v.isEmpty() ? m.group(3) : v;
            } else {
                replacement = v == null ? m.group(3) : v;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString().replace("\u0000", "$");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() {
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) {
        Map<String, Object> s = (Map<String, Object>) services().get(name);
        assertNotNull(s, "compose service " + name);
        return s;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(String name) {
        Object env = service(name).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(k.toString(), v == null ? "" : v.toString()));
        } else if (env instanceof List<?> list) {
            for (Object o : list) {
                String s = o.toString();
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return out;
    }

    @Test
    void hasRedisTheSimsInTheirProfilesAndTheServicesWithTwoFeedReplicas() {
        assertEquals(
                new TreeSet<>(List.of(
                        "redis",
                        "kite-sim",
                        "smartapi-sim",
                        "session-service",
                        "auth-service",
                        "feed-service-1",
                        "feed-service-2",
                        "gateway")),
                new TreeSet<>(services().keySet()));
        assertEquals(List.of("sim"), service("kite-sim").get("profiles"));
        assertEquals(
                List.of("angel-sim"),
                service("smartapi-sim").get("profiles"),
                "smartapi-sim starts only with its own profile: BROKER=angel COMPOSE_PROFILES=angel-sim");
        for (String s : services().keySet()) {
            if (!SIM_PROFILE.containsKey(s)) {
                assertFalse(service(s).containsKey("profiles"), s + " must start without a profile");
            }
        }
        assertNotEquals(
                service("feed-service-1").get("hostname"),
                service("feed-service-2").get("hostname"),
                "the feed replicas need distinct instance ids (HOSTNAME)");
    }

    private static void assertNotEquals(Object a, Object b, String message) {
        assertFalse(a == null || a.equals(b), message);
    }

    @Test
    void everyServiceHasAReadinessHealthcheckOnItsOwnPort() {
        for (var e : MODULE.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> hc = (Map<String, Object>) service(e.getKey()).get("healthcheck");
            assertNotNull(hc, e.getKey() + ": healthcheck");
            String test = String.join(
                    " ",
                    ((List<?>) hc.get("test")).stream().map(Object::toString).toList());
            assertTrue(test.contains(Services.READY), e.getKey() + ": healthcheck must probe readiness: " + test);
            assertTrue(
                    test.contains("127.0.0.1/" + Services.port(e.getValue()) + " "),
                    e.getKey() + ": healthcheck must probe the app's port " + Services.port(e.getValue()) + ": "
                            + test);
            assertNotNull(hc.get("interval"), e.getKey() + ": interval (from the shared anchor)");
            assertNotNull(hc.get("start_period"), e.getKey() + ": start_period");
        }
        assertNotNull(service("redis").get("healthcheck"), "redis healthcheck");
    }

    @Test
    void publishedPortsAreTheContractPortsAndTargetTheAppsPort() {
        Set<String> hostPorts = new HashSet<>();
        for (var e : HOST_PORT.entrySet()) {
            List<?> ports = (List<?>) service(e.getKey()).get("ports");
            assertEquals(1, ports.size(), e.getKey());
            String[] mapping = interpolate(ports.get(0).toString(), Map.of()).split(":");
            assertEquals(e.getValue(), Integer.parseInt(mapping[0]), e.getKey() + ": host port");
            assertEquals(
                    Services.port(MODULE.get(e.getKey())),
                    Integer.parseInt(mapping[1]),
                    e.getKey() + ": container port must be quarkus.http.port");
            assertTrue(hostPorts.add(mapping[0]), "host port used twice: " + mapping[0]);
        }
    }

    @Test
    void imagesAreBuiltFromEachServicesDockerfilesJvmOrNative() {
        for (var e : MODULE.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> build =
                    (Map<String, Object>) service(e.getKey()).get("build");
            assertNotNull(build, e.getKey() + ": build");
            assertEquals("./" + e.getValue(), build.get("context"), e.getKey() + ": build context");
            for (String kind : List.of("jvm", "native-micro")) {
                String dockerfile = interpolate(build.get("dockerfile").toString(), Map.of("IMAGE_KIND", kind));
                assertEquals("src/main/docker/Dockerfile." + kind, dockerfile);
                assertTrue(
                        Files.isRegularFile(Repo.path(e.getValue() + "/" + dockerfile)),
                        e.getKey() + ": missing " + e.getValue() + "/" + dockerfile);
            }
        }
    }

    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() {
        List<String> problems = new ArrayList<>();
        for (var e : MODULE.entrySet()) {
            Set<String> read = Services.envRead(e.getValue());
            for (String name : environment(e.getKey()).keySet()) {
                if (!read.contains(name)) {
                    problems.add(e.getKey() + " sets " + name);
                }
            }
        }
        assertTrue(problems.isEmpty(), "variables the services never read: " + problems);
        Services.SIM_HOST_VARIABLE.forEach((sim, variable) ->
                assertEquals("0.0.0.0", environment(sim).get(variable), sim + " binds 127.0.0.1 by default"));
    }

    @Test
    void serviceUrlsPointAtComposeServicesOnTheirPorts() {
        Pattern url = Pattern.compile("^(?:https?|wss?|redis)://([a-z0-9-]+):(\\d+)");
        List<String> checked = new ArrayList<>();
        for (String svc : services().keySet()) {
            for (var env : environment(svc).entrySet()) {
                String value = interpolate(env.getValue(), Map.of());
                Matcher m = url.matcher(value);
                if (!m.find() || m.group(1).equals("localhost")) {
                    continue;
                }
                String host = m.group(1);
                int port = Integer.parseInt(m.group(2));
                assertTrue(services().containsKey(host), svc + " " + env.getKey() + " names unknown service " + host);
                int expected = host.equals("redis") ? 6379 : Services.port(MODULE.get(host));
                assertEquals(expected, port, svc + " " + env.getKey() + ": wrong port for " + host);
                checked.add(svc + ":" + env.getKey());
            }
        }
        assertTrue(checked.size() >= 10, "expected service URLs in the environment, found " + checked);
        assertEquals("http://auth-service:8082", environment("gateway").get("AUTH_SERVICE_URL"));
    }

    @Test
    void appsWaitForRedisAndFeedReplicasGetTimeToHandOver() {
        for (String s : MODULE.keySet()) {
            if (SIM_PROFILE.containsKey(s)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> deps = (Map<String, Object>) service(s).get("depends_on");
            assertNotNull(deps, s + ": depends_on");
            assertEquals("service_healthy", ((Map<?, ?>) deps.get("redis")).get("condition"), s);
        }
        for (String feed : List.of("feed-service-1", "feed-service-2")) {
            Duration grace = RolloutAndTopologyTest.duration(
                    service(feed).get("stop_grace_period").toString());
            Duration shutdown = RolloutAndTopologyTest.duration(
                    interpolate(environment(feed).get("QUARKUS_SHUTDOWN_TIMEOUT"), Map.of()));
            assertTrue(grace.compareTo(shutdown.plusSeconds(5)) >= 0, feed + ": stop_grace_period " + grace);
        }
    }

    @Test
    void envExampleDocumentsEveryVariableWithTheSameDefaults() {
        Map<String, String> defaults = new HashMap<>();
        Matcher m = VAR.matcher(raw);
        while (m.find()) {
            String prior = defaults.put(m.group(1), m.group(3) == null ? "" : m.group(3));
            if (prior != null) {
                assertEquals(prior, defaults.get(m.group(1)), "two defaults for " + m.group(1));
            }
        }
        for (var d : defaults.entrySet()) {
            assertTrue(envExample.containsKey(d.getKey()), ".env.example lacks " + d.getKey());
            assertEquals(
                    d.getValue(),
                    envExample.get(d.getKey()),
                    d.getKey() + ": compose default and .env.example disagree");
        }
        for (String key : envExample.keySet()) {
            assertTrue(defaults.containsKey(key) || COMPOSE_OWN.contains(key), ".env.example: " + key + " is unused");
        }
        assertEquals("sim", envExample.get("COMPOSE_PROFILES"));
    }

    @Test
    void brokerPicksKiteByDefaultAndAngelGoesToTheSimsDemoAccount() {
        for (String s : List.of("auth-service", "feed-service-1", "feed-service-2")) {
            String broker = environment(s).get("BROKER");
            assertNotNull(broker, s + ": BROKER");
            assertEquals("kite", interpolate(broker, Map.of()), s + ": today's behaviour (Kite) is the default");
            assertEquals("angel", interpolate(broker, Map.of("BROKER", "angel")), s + ": BROKER from .env");
            assertEquals("kite", envExample.get("BROKER"));
        }
        // What each one gets is what it needs, nothing more (and every name is one it reads: see above).
        assertEquals(AUTH_ANGEL_ENV, angelNames("auth-service"), "auth-service's Angel settings");
        for (String feed : FEEDS) {
            assertEquals(FEED_ANGEL_ENV, angelNames(feed), feed + "'s Angel settings (never the PIN or TOTP secret)");
        }
        for (String s : services().keySet()) {
            if (!List.of("auth-service", "feed-service-1", "feed-service-2").contains(s)) {
                assertTrue(angelNames(s).isEmpty(), s + " has no business with Angel One: " + angelNames(s));
            }
        }
        // Out of the box the services log in to smartapi-sim's own demo account.
        Map<String, String> none = Map.of();
        String apiKey = Services.smartApiSimDefault("apiKey");
        String clientCode = Services.smartApiSimDefault("clientCode");
        for (String s : List.of("auth-service", "feed-service-1")) {
            assertEquals(apiKey, interpolate(environment(s).get("ANGEL_API_KEY"), none), s);
            assertEquals(clientCode, interpolate(environment(s).get("ANGEL_CLIENT_CODE"), none), s);
            assertEquals("http://smartapi-sim:8091", interpolate(environment(s).get("ANGEL_API_URL"), none), s);
        }
        assertEquals(
                "ws://smartapi-sim:8091/smart-stream",
                interpolate(environment("feed-service-1").get("ANGEL_WS_URL"), none));
        assertEquals(
                "http://smartapi-sim:8091/OpenAPI_File/files/OpenAPIScripMaster.json",
                interpolate(environment("feed-service-1").get("ANGEL_INSTRUMENTS_URL"), none));
        // The sim takes the same api key and client code, so changing them in .env changes both sides.
        for (var vars : List.of(none, Map.of("ANGEL_API_KEY", "k", "ANGEL_CLIENT_CODE", "C1"))) {
            assertEquals(
                    interpolate(environment("auth-service").get("ANGEL_API_KEY"), vars),
                    interpolate(environment("smartapi-sim").get("SMARTAPI_SIM_API_KEY"), vars));
            assertEquals(
                    interpolate(environment("auth-service").get("ANGEL_CLIENT_CODE"), vars),
                    interpolate(environment("smartapi-sim").get("SMARTAPI_SIM_CLIENT_CODE"), vars));
        }
        for (String s : List.of("auth-service", "feed-service-1", "feed-service-2")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> deps = (Map<String, Object>) service(s).get("depends_on");
            Map<?, ?> sim = (Map<?, ?>) deps.get("smartapi-sim");
            assertNotNull(sim, s + " waits for smartapi-sim when its profile is on");
            assertEquals("service_healthy", sim.get("condition"), s);
            assertEquals(Boolean.FALSE, sim.get("required"), s + ": and starts without it (real Angel One, or Kite)");
        }
    }

    private static Set<String> angelNames(String service) {
        Set<String> out = new TreeSet<>();
        for (String name : environment(service).keySet()) {
            if (name.startsWith("ANGEL_") || name.equals("BROKER")) {
                out.add(name);
            }
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void angelPinAndTotpSecretReachAuthServiceOnlyAsMountedSecretFiles() {
        Map<String, Object> top = (Map<String, Object>) compose.get("secrets");
        assertNotNull(top, "top-level secrets");
        assertEquals(ANGEL_SECRETS.keySet(), top.keySet());
        Map<String, String> auth = environment("auth-service");
        List<String> mounted = new ArrayList<>();
        for (Object o : (List<?>) service("auth-service").get("secrets")) {
            String source;
            String target;
            if (o instanceof Map<?, ?> m) {
                source = m.get("source").toString();
                target = m.get("target") == null ? source : m.get("target").toString();
            } else {
                source = o.toString();
                target = source;
            }
            mounted.add(source);
            String path = target.startsWith("/") ? target : "/run/secrets/" + target;
            assertEquals(
                    path,
                    auth.get(ANGEL_SECRETS.get(source)),
                    "auth-service reads secret " + source + " from where compose mounts it");
        }
        assertEquals(new TreeSet<>(ANGEL_SECRETS.keySet()), new TreeSet<>(mounted), "auth-service's secrets");
        for (String s : services().keySet()) {
            if (!s.equals("auth-service")) {
                assertFalse(service(s).containsKey("secrets"), s + " must not get the Angel PIN or TOTP secret");
            }
            for (var e : environment(s).entrySet()) {
                assertFalse(
                        e.getKey().equals("ANGEL_PIN") || e.getKey().equals("ANGEL_TOTP_SECRET"),
                        s
                                + ": the PIN and TOTP secret travel as files, never as variables (docker inspect shows those)");
                assertFalse(
                        e.getValue().contains("ANGEL_PIN") || e.getValue().contains("ANGEL_TOTP_SECRET_HOST"),
                        s + ": " + e.getKey() + " exposes the secret files' variables");
            }
        }
        // The default files are the sim's demo account, so BROKER=angel COMPOSE_PROFILES=angel-sim works at once.
        Map<String, String> expected = Map.of(
                "angel_pin",
                Services.smartApiSimDefault("pin"),
                "angel_totp_secret",
                Services.smartApiSimDefault("totpSecret"));
        for (var e : top.entrySet()) {
            Map<String, Object> def = (Map<String, Object>) e.getValue();
            assertEquals(Set.of("file"), def.keySet(), e.getKey() + ": a file on the host");
            String file = interpolate(def.get("file").toString(), Map.of());
            assertTrue(file.startsWith("./compose/angel-sim/"), e.getKey() + ": demo file " + file);
            assertTrue(Files.isRegularFile(Repo.path(file)), e.getKey() + ": missing " + file);
            assertEquals(
                    expected.get(e.getKey()),
                    Repo.read(file).strip(),
                    e.getKey() + ": " + file + " must hold smartapi-sim's demo value (auth-service strips whitespace)");
            assertEquals(
                    "/srv/angel/x",
                    interpolate(
                            def.get("file").toString(),
                            Map.of(
                                    "ANGEL_PIN_HOST_FILE",
                                    "/srv/angel/x",
                                    "ANGEL_TOTP_SECRET_HOST_FILE",
                                    "/srv/angel/x")),
                    e.getKey() + ": the host file comes from .env");
        }
        // The feed cannot even read them: its sources know no such setting.
        for (String name : List.of("ANGEL_PIN", "ANGEL_PIN_FILE", "ANGEL_TOTP_SECRET", "ANGEL_TOTP_SECRET_FILE")) {
            assertFalse(Services.envRead("feed-service").contains(name), "feed-service reads " + name);
            assertTrue(Services.envRead("auth-service").contains(name), "auth-service reads " + name);
        }
    }

    @Test
    void theDemoEncryptionKeyIsAValid256BitKey() {
        assertEquals(
                32,
                Base64.getDecoder().decode(envExample.get("TOKEN_ENCRYPTION_KEY")).length,
                "TOKEN_ENCRYPTION_KEY must be base64 of 32 bytes (TokenCipher refuses anything else)");
    }

    @Test
    void interpolationWorksAsComposeDoes() {
        assertEquals("a-b", interpolate("${X:-a}-${Y-b}", Map.of()));
        assertEquals("x-", interpolate("${X:-a}-${Y-b}", Map.of("X", "x", "Y", "")));
        assertEquals("$status", interpolate("$$status", Map.of()));
    }
}
