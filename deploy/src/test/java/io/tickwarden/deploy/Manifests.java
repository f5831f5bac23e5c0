package io.tickwarden.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders the kustomize overlays with {@code kubectl kustomize} and parses every document strictly into the
 * fabric8 typed Kubernetes model: an unknown apiVersion/kind, an unknown or misspelt field, or a value of the wrong
 * type fails. (fabric8 keeps unknown fields in {@code additionalProperties} instead of failing, so every
 * deserialised object graph is walked and any non-empty {@code additionalProperties} is an error.)
 */
final class Manifests {

    /** apiVersion/kind -> typed class: everything our manifests may contain, nothing else. */
    static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** The kubectl binary ({@code -Dtickwarden.kubectl=...} to use another one, or to check the skip path). */
    static final String KUBECTL = System.getProperty("tickwarden.kubectl", "kubectl");

    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();
    private static Boolean kubectl;

    private Manifests() {}

    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(Repo.path("k8s/overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized boolean kubectlAvailable() {
        if (kubectl == null) {
            try {
                Process p = new ProcessBuilder(KUBECTL, "version", "--client")
                        .redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                kubectl = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                kubectl = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kubectl = false;
            }
        }
        return kubectl;
    }

    static void assumeKubectl() {
        Assumptions.assumeTrue(
                kubectlAvailable(),
                "kubectl is not on the PATH: the kustomize overlays cannot be rendered, so the manifest checks are "
                        + "SKIPPED (install kubectl >= 1.27 to run them)");
    }

    /** kubectl kustomize output of an overlay, as text. Fails with kubectl's message if the build fails. */
    static String build(String overlay) {
        assumeKubectl();
        try {
            Process p = new ProcessBuilder(
                            KUBECTL,
                            "kustomize",
                            Repo.path("k8s/overlays/" + overlay).toString())
                    .start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = Thread.ofVirtual().start(() -> {
                try (InputStream in = p.getErrorStream()) {
                    in.transferTo(err);
                } catch (IOException ignored) {
                    // the exit code tells
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + overlay + " did not finish in 120 s");
            }
            errReader.join();
            if (p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize k8s/overlays/" + overlay + " failed:\n"
                        + err.toString(StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The rendered overlay, every document parsed strictly (cached per overlay). */
    static List<HasMetadata> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> parseAll(build(o), "overlay " + o));
    }

    static List<HasMetadata> parseAll(String yaml, String what) {
        List<HasMetadata> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                out.add(parse(doc, what));
            }
        } catch (IOException e) {
            throw new AssertionError(what + ": not valid YAML: " + e.getMessage(), e);
        }
        return out;
    }

    static HasMetadata parse(JsonNode doc, String what) {
        String apiVersion = doc.path("apiVersion").asText("");
        String kind = doc.path("kind").asText("");
        String name = doc.path("metadata").path("name").asText("?");
        Class<? extends HasMetadata> type = TYPES.get(apiVersion + "/" + kind);
        if (type == null) {
            throw new AssertionError(what + ": " + kind + " " + name + ": unexpected apiVersion/kind " + apiVersion
                    + "/" + kind + " (known: " + TYPES.keySet() + ")");
        }
        HasMetadata resource;
        try {
            resource = STRICT.treeToValue(doc, type);
        } catch (IOException e) {
            throw new AssertionError(
                    what + ": " + kind + " " + name + " does not match the API schema: " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(resource, kind + "/" + name, unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError(what + ": fields unknown to the Kubernetes API schema: " + unknown);
        }
        return resource;
    }

    /** Walks a fabric8 object graph and reports every entry of every additionalProperties map. */
    static void unknownFields(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                unknownFields(o, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "[" + k + "]", unknown, seen));
            return;
        }
        if (!(node instanceof KubernetesResource) || !node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            if (!name.startsWith("get") && !name.startsWith("is")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
                continue;
            }
            if (value instanceof KubernetesResource
                    || value instanceof Collection<?>
                    || (value instanceof Map<?, ?>
                            && !(Set.of(
                                            "getLabels",
                                            "getAnnotations",
                                            "getData",
                                            "getStringData",
                                            "getBinaryData",
                                            "getMatchLabels",
                                            "getNodeSelector")
                                    .contains(name)))) {
                unknownFields(value, path + "." + property(name), unknown, seen);
            }
        }
    }

    private static String property(String getter) {
        String p = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return p.isEmpty() ? p : Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }

    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> List<T> all(String overlay, Class<T> type) {
        return rendered(overlay).stream()
                .filter(type::isInstance)
                .map(r -> (T) r)
                .toList();
    }

    static <T extends HasMetadata> T one(String overlay, Class<T> type, String name) {
        return all(overlay, type).stream()
                .filter(r -> r.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("overlay " + overlay + ": no " + type.getSimpleName() + " " + name));
    }

    /** The rendered tickwarden-config ConfigMap's data (every overlay has one). */
    static Map<String, String> config(String overlay) {
        return generated(overlay, ConfigMap.class, "tickwarden-config").getData();
    }

    /** The broker an overlay deploys: BROKER in tickwarden-config, else the apps' default, kite. */
    static String broker(String overlay) {
        return config(overlay).getOrDefault("BROKER", "kite");
    }

    /** Whether a Secret (or ConfigMap) name is baseName, or baseName with kustomize's hash suffix. */
    static boolean isGenerated(String name, String baseName) {
        return name.equals(baseName) || name.matches(java.util.regex.Pattern.quote(baseName) + "-[a-z0-9]{10}");
    }

    /** The decoded data of a rendered Secret. */
    static Map<String, String> decoded(Secret secret) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (secret.getData() != null) {
            secret.getData()
                    .forEach((k, v) ->
                            out.put(k, new String(java.util.Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            out.putAll(secret.getStringData());
        }
        return out;
    }

    /** A ConfigMap or Secret by the name it had before kustomize added its hash suffix. */
    static <T extends HasMetadata> T generated(String overlay, Class<T> type, String baseName) {
        List<T> matches = all(overlay, type).stream()
                .filter(r -> r.getMetadata().getName().equals(baseName)
                        || r.getMetadata().getName().matches(java.util.regex.Pattern.quote(baseName) + "-[a-z0-9]{10}"))
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError("overlay " + overlay + ": expected one " + type.getSimpleName() + " " + baseName
                    + ", found " + matches.size());
        }
        return matches.get(0);
    }
}
