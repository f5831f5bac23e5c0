package io.tickwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay builds with kubectl kustomize, and every rendered document matches the Kubernetes API schema. */
class OverlayBuildTest {

    static List<String> overlays() {
        return Manifests.overlays();
    }

    @Test
    void theDevAndProdOverlaysExistForBothBrokers() {
        assertTrue(
                overlays().containsAll(List.of("dev", "prod", "prod-sentinel", "dev-angel", "prod-angel")),
                "overlays found: " + overlays());
        assertTrue(Files.isRegularFile(Repo.path("k8s/components/angel/kustomization.yaml")), "the angel component");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlayBuildsAndEveryManifestParsesStrictly(String overlay) {
        List<HasMetadata> resources = Manifests.rendered(overlay);
        assertFalse(resources.isEmpty(), overlay + " rendered nothing");
        for (HasMetadata r : resources) {
            assertTrue(
                    r.getMetadata().getNamespace() != null || r.getKind().equals("Namespace"),
                    overlay + ": " + r.getKind() + " " + r.getMetadata().getName() + " has no namespace");
            assertEquals(
                    "tickwarden",
                    r.getMetadata().getLabels() == null
                            ? null
                            : r.getMetadata().getLabels().get("app.kubernetes.io/part-of"),
                    overlay + ": " + r.getKind() + " " + r.getMetadata().getName() + " lacks the part-of label");
        }
        List<String> deployments = Manifests.all(overlay, Deployment.class).stream()
                .map(d -> d.getMetadata().getName())
                .toList();
        assertTrue(deployments.containsAll(Services.APPS), overlay + ": deployments " + deployments);
    }

    @Test
    void everyKustomizationFileMatchesTheKustomizeSchema() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Repo.path("k8s"))) {
            files = walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .toList();
        }
        assertTrue(files.size() >= 3, "kustomization files: " + files);
        for (Path f : files) {
            JsonNode doc = Manifests.YAML.readTree(f.toFile());
            if (doc.path("kind").asText().equals("Component")) {
                assertEquals(
                        "kustomize.config.k8s.io/v1alpha1",
                        doc.path("apiVersion").asText(),
                        f.toString());
                ((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("kind", "Kustomization");
            }
            Kustomization k = Manifests.STRICT.treeToValue(doc, Kustomization.class);
            List<String> unknown = new ArrayList<>();
            Manifests.unknownFields(k, f.toString(), unknown, new IdentityHashMap<>());
            assertTrue(unknown.isEmpty(), "unknown kustomize fields: " + unknown);
        }
    }

    // ---- the strict parser can fail: the checks above are not vacuous ----

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: x, namespace: n}
            spec:
              replicas: %s
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: x
                      image: x
                      %s:
                        httpGet: {path: /q/health/ready, port: 8080}
            """;

    @Test
    void aValidDeploymentParses() {
        Deployment d = (Deployment) Manifests.parseAll(DEPLOYMENT.formatted("1", "readinessProbe"), "sample")
                .get(0);
        assertEquals(
                "/q/health/ready",
                d.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getReadinessProbe()
                        .getHttpGet()
                        .getPath());
    }

    @Test
    void aMisspeltFieldFails() {
        AssertionError e = assertThrows(
                AssertionError.class, () -> Manifests.parseAll(DEPLOYMENT.formatted("1", "readinessProbes"), "sample"));
        assertTrue(e.getMessage().contains("readinessProbes"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeFails() {
        assertThrows(
                AssertionError.class,
                () -> Manifests.parseAll(DEPLOYMENT.formatted("{two: 2}", "readinessProbe"), "sample"));
    }

    @Test
    void anUnknownKindFails() {
        assertThrows(AssertionError.class, () -> Manifests.parseAll("""
                apiVersion: apps/v1
                kind: Deploymnet
                metadata: {name: x}
                """, "sample"));
    }
}
