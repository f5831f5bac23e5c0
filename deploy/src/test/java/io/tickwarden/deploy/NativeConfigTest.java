package io.tickwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The native-image configuration that kiteconnect needs (kite-support) names classes and fields that exist in
 * the kiteconnect jar we build with, and the resource patterns match real resources. The native build itself
 * cannot run on these machines (no GraalVM/Mandrel, no container engine): see docs/operations.md.
 */
class NativeConfigTest {

    static final String DIR = "kite-support/src/main/resources/META-INF/native-image/io.tickwarden/kite-support/";

    static final List<String> MODELS = List.of(
            "User",
            "Profile",
            "Quote",
            "OHLC",
            "Depth",
            "MarketDepth",
            "LTPQuote",
            "OHLCQuote",
            "Instrument",
            "TokenSet");

    @Test
    void reflectionConfigCoversTheModelsOurServicesUseAndTheRoutesFields() throws Exception {
        JsonNode config = Manifests.STRICT.readTree(Repo.read(DIR + "reflect-config.json"));
        Set<String> names = new HashSet<>();
        for (JsonNode entry : config) {
            String name = entry.path("name").asText();
            assertTrue(names.add(name), "duplicate entry " + name);
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            for (JsonNode f : entry.path("fields")) {
                Field field = type.getDeclaredField(f.path("name").asText());
                assertNotNull(field);
            }
        }
        for (String model : MODELS) {
            String name = "com.zerodhatech.models." + model;
            assertTrue(names.contains(name), "reflect-config.json lacks " + name);
            JsonNode entry = find(config, name);
            for (String flag : List.of("allDeclaredFields", "allDeclaredConstructors")) {
                assertTrue(entry.path(flag).asBoolean(), name + ": Gson needs " + flag);
            }
        }
        assertTrue(
                find(config, "com.zerodhatech.models.Instrument")
                        .path("allPublicMethods")
                        .asBoolean(),
                "super-csv fills Instrument through its setters");
        JsonNode routes = find(config, "com.zerodhatech.kiteconnect.Routes");
        Set<String> writable = new HashSet<>();
        for (JsonNode f : routes.path("fields")) {
            if (f.path("allowWrite").asBoolean()) {
                writable.add(f.path("name").asText());
            }
        }
        assertTrue(
                writable.containsAll(Set.of("_rootUrl", "_wsuri", "_loginUrl")),
                "KiteRoutes writes Routes._rootUrl, _wsuri and _loginUrl reflectively");
        for (String f : List.of("_rootUrl", "_wsuri", "_loginUrl")) {
            Field field = Class.forName("com.zerodhatech.kiteconnect.Routes").getDeclaredField(f);
            assertTrue(
                    Modifier.isStatic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers()),
                    "Routes." + f + " must stay a non-final static for KiteRoutes to work");
        }
        // The anonymous TypeTokens kiteconnect uses for getQuote/getOHLC/getLTP: Map<String, Quote> etc.
        for (String token : List.of(
                "com.zerodhatech.kiteconnect.KiteConnect$2",
                "com.zerodhatech.kiteconnect.KiteConnect$3",
                "com.zerodhatech.kiteconnect.KiteConnect$4")) {
            assertTrue(names.contains(token), token);
            String generic = Class.forName(token).getGenericSuperclass().getTypeName();
            assertTrue(
                    generic.contains("com.zerodhatech.models.") && generic.contains("Quote"), token + ": " + generic);
        }
    }

    @Test
    void resourceConfigsMatchRealResources() throws Exception {
        check(
                DIR + "resource-config.json",
                getClass().getClassLoader(),
                List.of("okhttp3/internal/publicsuffix/publicsuffixes.gz"));
        check(
                "session-service/src/main/resources/META-INF/native-image/io.tickwarden/session-service/resource-config.json",
                null,
                List.of("calendar/exchange-calendar.csv", "calendar/timing-rules.csv"));
        check(
                "sim-support/src/main/resources/META-INF/native-image/io.tickwarden/sim-support/resource-config.json",
                null,
                List.of("instruments/nse-equities.csv"));
    }

    private static void check(String file, ClassLoader loader, List<String> resources) throws Exception {
        JsonNode config = Manifests.STRICT.readTree(Repo.read(file));
        List<Pattern> patterns = new java.util.ArrayList<>();
        for (JsonNode inc : config.path("resources").path("includes")) {
            patterns.add(Pattern.compile(inc.path("pattern").asText()));
        }
        for (String resource : resources) {
            assertTrue(patterns.stream().anyMatch(p -> p.matcher(resource).matches()), file + " lacks " + resource);
            if (loader != null) {
                assertNotNull(loader.getResource(resource), resource + " is not on the classpath");
            } else {
                String module = file.substring(0, file.indexOf('/'));
                assertTrue(
                        java.nio.file.Files.isRegularFile(Repo.path(module + "/src/main/resources/" + resource)),
                        module + " has no resource " + resource);
            }
        }
    }

    private static JsonNode find(JsonNode config, String name) {
        for (JsonNode e : config) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no entry " + name);
    }
}
