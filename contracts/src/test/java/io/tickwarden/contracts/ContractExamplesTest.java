package io.tickwarden.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One test per contract record: the example JSON in the record's Javadoc ({@code <pre>{@code ...}</pre>} after
 * "Example:") is read into the record and written back, and must come back unchanged. A renamed component, or a
 * Javadoc that drifted from the record, fails the build here instead of breaking a consumer in production.
 */
class ContractExamplesTest {

    /** Records shown only inside another record's example, which therefore tests them too. */
    private static final Map<String, String> SHOWN_IN = Map.of(
            "io.tickwarden.contracts.feed.FeedCandleUpdates$Update", "FeedCandleUpdates",
            "io.tickwarden.contracts.feed.FeedTick$Ohlc", "FeedTick",
            "io.tickwarden.contracts.feed.FeedTick$Depth", "FeedTick",
            "io.tickwarden.contracts.feed.FeedTick$DepthLevel", "FeedTick",
            "io.tickwarden.contracts.gateway.GatewayMessages$SegmentStatus", "ConnectionStatus",
            "io.tickwarden.contracts.gateway.GatewayMessages$ConnectionHealth", "Heartbeat",
            "io.tickwarden.contracts.gateway.GatewayMessages$Rejection", "Subscribed",
            "io.tickwarden.contracts.gateway.GatewayMessages$Candle", "CandleUpdate");

    private static final Pattern EXAMPLE =
            Pattern.compile("<pre>\\{@code\\s*\\n(.*?)\\n\\s*\\*\\s*}</pre>", Pattern.DOTALL);

    /** Configured as the services' mappers are where it matters: ISO times kept in their own offset. */
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    @TestFactory
    Stream<DynamicTest> everyRecordRoundTripsTheExampleInItsJavadoc() throws Exception {
        List<Class<?>> records = records();
        assertTrue(records.size() > 20, "the scan found the contracts: " + records);
        return records.stream()
                .filter(r -> !SHOWN_IN.containsKey(r.getName()))
                .map(r -> DynamicTest.dynamicTest(r.getName().replace('$', '.'), () -> roundTrip(r)));
    }

    /** The records tested through another's example really appear in it, so the list above cannot go stale. */
    @Test
    void recordsWithoutTheirOwnExampleAppearInTheirParents() throws Exception {
        for (Class<?> r : records()) {
            String parent = SHOWN_IN.get(r.getName());
            if (parent != null) {
                String parentSource = source(r);
                assertTrue(
                        Pattern.compile("record " + parent + "\\([^)]*\\b" + r.getSimpleName() + "\\b")
                                        .matcher(parentSource)
                                        .find()
                                || parentSource.contains("List<" + r.getSimpleName() + ">"),
                        r.getName() + " is not a component of " + parent);
            }
        }
    }

    private void roundTrip(Class<?> type) throws Exception {
        String example = example(type)
                .orElseThrow(() -> new AssertionError("no example JSON in the Javadoc of " + type.getName()
                        + ": add one as <p>Example: <pre>{@code {...}}</pre>"));
        JsonNode written = json.readTree(example);
        SortedSet<String> components = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .map(c -> type.isAnnotationPresent(JsonNaming.class) ? snakeCase(c) : c)
                .collect(Collectors.toCollection(TreeSet::new));
        SortedSet<String> shown = new TreeSet<>();
        written.fieldNames().forEachRemaining(shown::add);
        assertEquals(components, shown, type.getSimpleName() + ": the example's fields are not the record's");

        Object read = json.readValue(example, type);
        JsonNode back = json.readTree(json.writerFor(type).writeValueAsString(read));
        assertEquals(
                withoutNulls(written).toPrettyString(),
                withoutNulls(back).toPrettyString(),
                type.getSimpleName() + ": the example does not survive a read and a write (a field renamed?)");
    }

    /** The JSON name of a component of a record that carries {@code @JsonNaming(SnakeCaseStrategy)}. */
    private static String snakeCase(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Absent and null are the same on the wire (writers differ in whether they show nulls). */
    private static JsonNode withoutNulls(JsonNode n) {
        if (n instanceof ObjectNode o) {
            ObjectNode out = o.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    out.set(e.getKey(), withoutNulls(e.getValue()));
                }
            }
            return out;
        }
        if (n instanceof ArrayNode a) {
            ArrayNode out = a.arrayNode();
            a.forEach(e -> out.add(withoutNulls(e)));
            return out;
        }
        return n;
    }

    /** The example in the Javadoc right above {@code record <Name>(}. */
    private static Optional<String> example(Class<?> type) throws IOException {
        String source = source(type);
        Matcher decl =
                Pattern.compile("\\brecord " + type.getSimpleName() + "\\(").matcher(source);
        if (!decl.find()) {
            throw new AssertionError("no declaration of " + type.getSimpleName() + " in its source");
        }
        String before = source.substring(0, decl.start());
        int end = before.lastIndexOf("*/");
        int start = before.lastIndexOf("/**", end);
        // only annotations and modifiers may stand between the Javadoc and the declaration
        if (end < 0
                || start < 0
                || !before.substring(end + 2)
                        .replaceAll("@\\w+(\\([^)]*\\))?|public|static|\\s", "")
                        .isEmpty()) {
            return Optional.empty();
        }
        Matcher m = EXAMPLE.matcher(before.substring(start, end));
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(m.group(1).split("\n"))
                .map(l -> l.replaceFirst("^\\s*\\* ?", ""))
                .collect(Collectors.joining()));
    }

    private static String source(Class<?> type) throws IOException {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        return Files.readString(Path.of("src/main/java", top.getName().replace('.', '/') + ".java"));
    }

    private static List<Class<?>> records() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ContractsReflection.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String rel = root.relativize(p).toString();
                String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                Class<?> type = Class.forName(name, false, ContractExamplesTest.class.getClassLoader());
                if (type.isRecord()) {
                    out.add(type);
                }
            }
        }
        return out;
    }
}
