package io.tickwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The k8s calendar copy equals the bundled one; the Dockerfiles follow the Quarkus layout and the apps' ports. */
class StaticFilesTest {

    static List<String> services() {
        return Services.IMAGES;
    }

    @ParameterizedTest
    @ValueSource(strings = {"exchange-calendar.csv", "timing-rules.csv"})
    void theKubernetesCalendarCopyEqualsTheBundledCalendar(String file) throws Exception {
        byte[] bundled = Files.readAllBytes(Repo.path("session-service/src/main/resources/calendar/" + file));
        byte[] copy = Files.readAllBytes(Repo.path("k8s/base/calendar/" + file));
        assertArrayEquals(
                bundled,
                copy,
                "k8s/base/calendar/" + file + " differs from the bundled "
                        + "session-service/src/main/resources/calendar/" + file
                        + ": copy it over (docs/operations.md)");
    }

    @ParameterizedTest
    @MethodSource("services")
    void jvmDockerfileUsesTheQuarkusAppOnAnOpenJdk25UbiImageAsUser185(String service) {
        String df = Repo.read(service + "/src/main/docker/Dockerfile.jvm");
        assertTrue(
                Pattern.compile("(?m)^FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-25(-runtime)?:")
                        .matcher(df)
                        .find(),
                service + ": base image");
        for (String dir : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertTrue(df.contains("COPY --chown=185 target/quarkus-app/" + dir), service + ": copies " + dir);
        }
        assertTrue(df.contains("\nUSER 185\n"), service + ": non-root user 185");
        assertEquals(Services.port(service), exposed(df), service + ": EXPOSE");
        assertTrue(df.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), service);
        checkHost(service, df);
    }

    @ParameterizedTest
    @MethodSource("services")
    void nativeDockerfileUsesTheQuarkusMicroImageAsUser185(String service) {
        String df = Repo.read(service + "/src/main/docker/Dockerfile.native-micro");
        assertTrue(
                Pattern.compile("(?m)^FROM quay\\.io/quarkus/quarkus-micro-image:")
                        .matcher(df)
                        .find(),
                service);
        assertTrue(df.contains("target/*-runner /work/application"), service + ": copies the native runner");
        assertTrue(df.contains("\nUSER 185\n"), service + ": same user as the JVM image (one securityContext)");
        assertEquals(Services.port(service), exposed(df), service + ": EXPOSE");
        checkHost(service, df);
    }

    private static void checkHost(String service, String df) {
        String hostVariable = Services.SIM_HOST_VARIABLE.get(service);
        if (hostVariable != null) {
            assertTrue(
                    df.contains("\nENV " + hostVariable + "=0.0.0.0\n"),
                    service + " binds 127.0.0.1 unless " + hostVariable + " is set");
            assertTrue(Services.envRead(service).contains(hostVariable), service + " reads " + hostVariable);
            assertFalse(df.contains("-Dquarkus.http.host"), service + "'s host comes from " + hostVariable + " only");
        } else {
            assertTrue(df.contains("-Dquarkus.http.host=0.0.0.0"), service + ": listen on every interface");
        }
    }

    private static int exposed(String dockerfile) {
        Matcher m = Pattern.compile("(?m)^EXPOSE (\\d+)$").matcher(dockerfile);
        assertTrue(m.find(), "EXPOSE");
        return Integer.parseInt(m.group(1));
    }
}
