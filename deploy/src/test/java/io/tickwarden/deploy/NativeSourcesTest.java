package io.tickwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.testing.ContractTypes;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks what each service's native build would get, from the output of Quarkus's native build up to the call of
 * native-image ({@code target/native-sources}, see docs/operations.md), so that a missing resource or registration
 * fails here instead of crashing on the first machine with Mandrel. No native-image runs here.
 * <p>A plain {@code ./mvnw verify} does not build native sources, so these checks run only with
 * {@code -Dtickwarden.native-sources=required}, which {@code .ci/run} sets right after building them; an absent
 * directory is then a failure.
 */
class NativeSourcesTest {

    static List<String> services() {
        return Services.ALL;
    }

    /** Services that talk to Kite (REST and login over HTTPS, the ticker over WSS) through kiteconnect. */
    static final Set<String> KITE_CLIENTS = Set.of("auth-service", "feed-service");

    /** kiteconnect's own libraries: with --link-at-build-time a missing one fails the native build. */
    static final List<String> KITECONNECT_CLASSES = List.of(
            "com/zerodhatech/kiteconnect/KiteConnect.class",
            "okhttp3/OkHttpClient.class",
            "com/google/gson/Gson.class",
            "org/json/JSONObject.class",
            "org/supercsv/io/CsvBeanReader.class",
            "com/neovisionaries/ws/client/WebSocket.class");

    @ParameterizedTest
    @MethodSource("services")
    void argumentsHaveNoFallbackTheUrlProtocolsAndTheJdkResolver(String module) {
        NativeSources n = load(module);
        assertTrue(n.args().contains("--no-fallback"), module + ": a fallback image would need a JVM at run time");
        Set<String> protocols = protocols(n);
        assertTrue(protocols.contains("http"), module + ": --enable-url-protocols lacks http: " + n.args());
        if (KITE_CLIENTS.contains(module)) {
            assertTrue(protocols.contains("https"), module + " calls Kite over HTTPS: " + n.args());
        }
        // GraalVM includes the JDK's security services (JSSE, AES-GCM) by default; nothing may switch them off.
        assertTrue(n.args().stream().noneMatch(a -> a.contains("-EnableSecurityServices")), module + ": " + n.args());
        // Vert.x resolves names with the JDK's resolver (libc in an image) rather than Netty's DNS client.
        assertTrue(n.args().contains("-J-Dvertx.disableDnsResolver=true"), module + ": " + n.args());
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyResourceTheServiceShipsOrKiteconnectReadsIsInTheImage(String module) throws IOException {
        NativeSources n = load(module);
        List<String> resources = new ArrayList<>(shippedResources(module));
        if (KITE_CLIENTS.contains(module)) {
            resources.add("okhttp3/internal/publicsuffix/publicsuffixes.gz");
        }
        List<Predicate<String>> includes = includes(n);
        for (String resource : resources) {
            assertTrue(n.contains(resource), module + ": " + resource + " is on no jar of the native classpath");
            assertTrue(
                    includes.stream().anyMatch(p -> p.test(resource)),
                    module + ": no resource-config.json or -H:IncludeResources includes " + resource);
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyContractTypeIsRegisteredWithItsConstructorsMethodsAndFields(String module) {
        NativeSources n = load(module);
        if (n.jar("io.tickwarden.contracts-").isEmpty()) {
            assertEquals("kite-sim", module, module + " has no contracts jar on its native classpath");
            return;
        }
        SortedSet<String> types =
                ContractTypes.in(n.jar("io.tickwarden.contracts-").orElseThrow());
        Map<String, JsonNode> registered = new HashMap<>();
        n.quarkusReflection().forEach(e -> registered.merge(e.path("name").asText(), e, (a, b) -> a));
        SortedSet<String> missing = new TreeSet<>();
        for (String type : types) {
            JsonNode e = registered.get(type);
            if (e == null
                    || !(e.path("allDeclaredConstructors").asBoolean()
                            && e.path("allDeclaredMethods").asBoolean()
                            && e.path("allDeclaredFields").asBoolean())) {
                missing.add(type + (e == null ? "" : " " + e));
            }
        }
        assertEquals(
                new TreeSet<>(),
                missing,
                module
                        + ": Jackson needs these registered (see contracts ContractsReflection and the service's config/NativeReflection)");
    }

    @ParameterizedTest
    @MethodSource("services")
    void kiteClientsCarryKiteconnectItsLibrariesAndKiteSupportsConfig(String module) {
        NativeSources n = load(module);
        if (!KITE_CLIENTS.contains(module)) {
            return;
        }
        for (String cls : KITECONNECT_CLASSES) {
            assertTrue(n.contains(cls), module + ": no " + cls + " on the native classpath");
        }
        Set<String> names = new TreeSet<>();
        n.configs("reflect-config.json")
                .forEach(c -> c.forEach(e -> names.add(e.path("name").asText())));
        for (String model : NativeConfigTest.MODELS) {
            assertTrue(
                    names.contains("com.zerodhatech.models." + model),
                    module + ": kiteconnect model " + model
                            + " is not registered (kite-support's reflect-config.json must be on the classpath)");
        }
        assertTrue(names.contains("com.zerodhatech.kiteconnect.Routes"), module + ": KiteRoutes writes Routes' fields");
    }

    private static NativeSources load(String module) {
        // Only when asked (.ci/run, right after building them): output left over from an earlier build would be
        // judged against today's code and could fail, or pass, for the wrong reason.
        Assumptions.assumeTrue(
                "required".equals(System.getProperty("tickwarden.native-sources")),
                "checked only with -Dtickwarden.native-sources=required, after a native-sources build (.ci/run)");
        var sources = NativeSources.of(module);
        if (sources.isEmpty()) {
            fail(module + ": no " + NativeSources.dirOf(module) + " (build it with ./mvnw -pl " + module
                    + " -am package -DskipTests -Dnative -Dquarkus.native.sources-only=true)");
        }
        return sources.orElseThrow();
    }

    private static Set<String> protocols(NativeSources n) {
        Set<String> out = new TreeSet<>();
        for (String a : n.args()) {
            if (a.startsWith("--enable-url-protocols=")) {
                out.addAll(List.of(a.substring(a.indexOf('=') + 1).split(",")));
            } else if (a.startsWith("-H:EnableURLProtocols=")) {
                out.addAll(List.of(a.substring(a.indexOf('=') + 1).split(",")));
            }
        }
        return out;
    }

    /** Files under src/main/resources other than the configuration itself: the code or Quarkus serves them. */
    private static List<String> shippedResources(String module) throws IOException {
        Path root = Repo.path(module + "/src/main/resources");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("application.properties") && !p.startsWith("META-INF/native-image/"))
                    .sorted()
                    .toList();
        }
    }

    /** The include rules native-image applies: every resource-config.json on the classpath, and -H:IncludeResources. */
    private static List<Predicate<String>> includes(NativeSources n) {
        List<Predicate<String>> out = new ArrayList<>();
        for (JsonNode config : n.configs("resource-config.json")) {
            JsonNode includes = config.path("resources").isArray()
                    ? config.path("resources")
                    : config.path("resources").path("includes");
            for (JsonNode inc : includes) {
                if (inc.has("pattern")) {
                    Pattern p = Pattern.compile(inc.path("pattern").asText());
                    out.add(r -> p.matcher(r).matches());
                } else if (inc.has("glob")) {
                    PathMatcher m = FileSystems.getDefault()
                            .getPathMatcher("glob:" + inc.path("glob").asText());
                    out.add(r -> m.matches(Path.of(r)));
                }
            }
        }
        for (String a : n.args()) {
            if (a.startsWith("-H:IncludeResources=")) {
                Pattern p = Pattern.compile(a.substring(a.indexOf('=') + 1));
                out.add(r -> p.matcher(r).matches());
            }
        }
        return out;
    }
}
