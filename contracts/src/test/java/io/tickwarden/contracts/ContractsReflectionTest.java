package io.tickwarden.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every record and enum of the contracts is registered for reflection: in a native image Jackson cannot read or
 * write an unregistered payload, and the JVM tests would never notice. (deploy's NativeSourcesTest checks, on the
 * native build's output, that every service's generated reflection configuration really holds them.)
 */
class ContractsReflectionTest {

    @Test
    void everyRecordAndEnumIsRegistered() throws Exception {
        SortedSet<String> registered = Arrays.stream(ContractsReflection.class
                        .getAnnotation(RegisterForReflection.class)
                        .targets())
                .map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        SortedSet<String> types = jsonTypes();
        assertTrue(
                types.contains("io.tickwarden.contracts.feed.FeedTickBatch"), "the scan found the contracts: " + types);
        SortedSet<String> missing = new TreeSet<>(types);
        missing.removeAll(registered);
        assertEquals(new TreeSet<>(), missing, "add these to " + ContractsReflection.class.getName());
    }

    /** Records and enums among the compiled classes of this module, nested ones included. */
    private static SortedSet<String> jsonTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ContractsReflection.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        SortedSet<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String rel = root.relativize(p).toString();
                String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                Class<?> type = Class.forName(name, false, ContractsReflectionTest.class.getClassLoader());
                if ((type.isRecord() || type.isEnum()) && !type.isAnonymousClass() && !type.isSynthetic()) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
