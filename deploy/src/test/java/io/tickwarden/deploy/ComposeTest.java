package io.tickwarden.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker-compose.yml parses, and its services, ports, healthchecks and environment match the apps. */
class ComposeTest {

    /** compose service -> module (and the host port the contract and demo.sh use). */
    static final Map<String, String> MODULE = Map.of(
            "kite-sim", "kite-sim", "session-service", "session-service", "auth-service", "auth-service",
            "feed-service-1", "feed-service", "feed-service-2", "feed-service", "gateway", "gateway");
    static final Map<String, Integer> HOST_PORT = Map.of(
            "kite-sim", 8090, "session-service", 8081, "auth-service", 8082,
            "feed-service-1", 8083, "feed-service-2", 8084, "gateway", 8080);
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
    void hasRedisTheSimInItsProfileAndTheServicesWithTwoFeedReplicas() {
        assertEquals(new TreeSet<>(List.of("redis", "kite-sim", "session-service", "auth-service", "feed-service-1",
                "feed-service-2", "gateway")), new TreeSet<>(services().keySet()));
        assertEquals(List.of("sim"), service("kite-sim").get("profiles"));
        for (String s : services().keySet()) {
            if (!s.equals("kite-sim")) {
                assertFalse(service(s).containsKey("profiles"), s + " must start without a profile");
            }
        }
        assertNotEquals(service("feed-service-1").get("hostname"), service("feed-service-2").get("hostname"),
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
            String test = String.join(" ", ((List<?>) hc.get("test")).stream().map(Object::toString).toList());
            assertTrue(test.contains(Services.READY), e.getKey() + ": healthcheck must probe readiness: " + test);
            assertTrue(test.contains("127.0.0.1/" + Services.port(e.getValue()) + " "),
                    e.getKey() + ": healthcheck must probe the app's port " + Services.port(e.getValue()) + ": " + test);
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
            assertEquals(Services.port(MODULE.get(e.getKey())), Integer.parseInt(mapping[1]),
                    e.getKey() + ": container port must be quarkus.http.port");
            assertTrue(hostPorts.add(mapping[0]), "host port used twice: " + mapping[0]);
        }
    }

    @Test
    void imagesAreBuiltFromEachServicesDockerfilesJvmOrNative() {
        for (var e : MODULE.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) service(e.getKey()).get("build");
            assertNotNull(build, e.getKey() + ": build");
            assertEquals("./" + e.getValue(), build.get("context"), e.getKey() + ": build context");
            for (String kind : List.of("jvm", "native-micro")) {
                String dockerfile = interpolate(build.get("dockerfile").toString(), Map.of("IMAGE_KIND", kind));
                assertEquals("src/main/docker/Dockerfile." + kind, dockerfile);
                assertTrue(Files.isRegularFile(Repo.path(e.getValue() + "/" + dockerfile)),
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
        assertEquals("0.0.0.0", environment("kite-sim").get("KITE_SIM_HOST"), "kite-sim binds 127.0.0.1 by default");
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
            if (s.equals("kite-sim")) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> deps = (Map<String, Object>) service(s).get("depends_on");
            assertNotNull(deps, s + ": depends_on");
            assertEquals("service_healthy", ((Map<?, ?>) deps.get("redis")).get("condition"), s);
        }
        for (String feed : List.of("feed-service-1", "feed-service-2")) {
            Duration grace = RolloutAndTopologyTest.duration(service(feed).get("stop_grace_period").toString());
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
            assertEquals(d.getValue(), envExample.get(d.getKey()),
                    d.getKey() + ": compose default and .env.example disagree");
        }
        for (String key : envExample.keySet()) {
            assertTrue(defaults.containsKey(key) || COMPOSE_OWN.contains(key), ".env.example: " + key + " is unused");
        }
        assertEquals("sim", envExample.get("COMPOSE_PROFILES"));
    }

    @Test
    void theDemoEncryptionKeyIsAValid256BitKey() {
        assertEquals(32, Base64.getDecoder().decode(envExample.get("TOKEN_ENCRYPTION_KEY")).length,
                "TOKEN_ENCRYPTION_KEY must be base64 of 32 bytes (TokenCipher refuses anything else)");
    }

    @Test
    void interpolationWorksAsComposeDoes() {
        assertEquals("a-b", interpolate("${X:-a}-${Y-b}", Map.of()));
        assertEquals("x-", interpolate("${X:-a}-${Y-b}", Map.of("X", "x", "Y", "")));
        assertEquals("$status", interpolate("$$status", Map.of()));
    }
}
