package io.tickwarden.feed.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tickwarden.testing.ContractTypes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every record and enum of the contracts module is registered for reflection: in a native image Jackson cannot
 * read or write an unregistered payload, and the JVM tests would never notice.
 */
class NativeReflectionTest {

    @Test
    void everyContractTypeIsRegistered() {
        Set<String> registered = Arrays.stream(NativeReflection.class.getAnnotation(RegisterForReflection.class).targets())
                .map(Class::getName)
                .collect(Collectors.toSet());
        SortedSet<String> missing = new TreeSet<>(ContractTypes.onClasspath());
        missing.removeAll(registered);
        assertEquals(new TreeSet<>(), missing, "add these to " + NativeReflection.class.getName());
    }
}
