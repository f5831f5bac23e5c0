package io.tickwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Deployment of every overlay: the three probes on the paths and the port the app really serves, sensible
 * thresholds, requests and limits, the restricted security context, and only environment variables the app reads.
 */
class DeploymentsTest {

    /** Keys tickwarden-secrets (made by the operator in prod) holds for either broker; docs/operations.md lists each. */
    static final Set<String> COMMON_SECRET_KEYS =
            Set.of("REDIS_URL", "ADMIN_API_KEY", "GATEWAY_API_KEYS", "TOKEN_ENCRYPTION_KEY");
    /** ... and for Kite (BROKER=kite, the default) or Angel One (BROKER=angel). */
    static final Set<String> KITE_SECRET_KEYS = Set.of("KITE_API_KEY", "KITE_API_SECRET");

    static final Set<String> ANGEL_SECRET_KEYS = Set.of("ANGEL_API_KEY", "ANGEL_CLIENT_CODE");
    /** The Secret with Angel One's PIN and TOTP secret: files in auth-service, and nowhere else. */
    static final String ANGEL_LOGIN_SECRET = "tickwarden-angel-login";
    /** Its keys, and the variable naming each file in auth-service. */
    static final Map<String, String> ANGEL_LOGIN_KEYS =
            Map.of("pin", "ANGEL_PIN_FILE", "totp-secret", "ANGEL_TOTP_SECRET_FILE");
    /** The Angel settings (names starting ANGEL_, and BROKER) each service gets with BROKER=angel: all it needs, no more. */
    static final Map<String, Set<String>> ANGEL_ENV =
            Map.of("auth-service", ComposeTest.AUTH_ANGEL_ENV, "feed-service", ComposeTest.FEED_ANGEL_ENV);

    /** The keys of tickwarden-secrets the overlay's services may use. */
    static Set<String> secretKeys(String overlay) {
        Set<String> keys = new java.util.TreeSet<>(COMMON_SECRET_KEYS);
        keys.addAll(Manifests.broker(overlay).equals("angel") ? ANGEL_SECRET_KEYS : KITE_SECRET_KEYS);
        return keys;
    }

    static List<String> overlays() {
        return Manifests.overlays();
    }

    static Stream<Arguments> deployments() {
        Manifests.assumeKubectl();
        List<Arguments> out = new ArrayList<>();
        for (String overlay : Manifests.overlays()) {
            for (Deployment d : Manifests.all(overlay, Deployment.class)) {
                out.add(Arguments.of(overlay, d.getMetadata().getName()));
            }
        }
        return out.stream();
    }

    /** Reports the skip (with its reason) when kubectl is absent; the parameterised checks then have no cases. */
    @Test
    void everyOverlayHasDeploymentsToCheck() {
        Manifests.assumeKubectl();
        assertTrue(deployments().count() >= 2 * Services.APPS.size(), "deployments in the overlays");
    }

    private static Deployment deployment(String overlay, String name) {
        return Manifests.one(overlay, Deployment.class, name);
    }

    private static Container container(Deployment d) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), d.getMetadata().getName() + ": one container expected");
        return containers.get(0);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void isAKnownServiceWhoseContainerPortIsTheAppsPort(String overlay, String name) {
        assertTrue(Services.IMAGES.contains(name), overlay + ": unexpected Deployment " + name);
        Container c = container(deployment(overlay, name));
        ContainerPort http = c.getPorts().stream()
                .filter(p -> "http".equals(p.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no container port named http"));
        assertEquals(
                Services.port(name),
                http.getContainerPort(),
                name + ": containerPort differs from quarkus.http.port in application.properties");
        assertTrue(c.getImage().contains(name), name + ": image " + c.getImage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void hasStartupLivenessAndReadinessProbesOnTheQuarkusHealthEndpoints(String overlay, String name) {
        Container c = container(deployment(overlay, name));
        checkProbe(name, "startupProbe", c.getStartupProbe(), Services.STARTED, c);
        checkProbe(name, "livenessProbe", c.getLivenessProbe(), Services.LIVE, c);
        checkProbe(name, "readinessProbe", c.getReadinessProbe(), Services.READY, c);

        Probe startup = c.getStartupProbe();
        int startupBudget = or(startup.getPeriodSeconds(), 10) * or(startup.getFailureThreshold(), 3);
        assertTrue(
                startupBudget >= 30 && startupBudget <= 300,
                name + ": startup budget " + startupBudget + " s should be 30..300 s (JVM start is 2 s here, "
                        + "slow nodes and cold images are much slower)");
        Probe live = c.getLivenessProbe();
        assertTrue(or(live.getFailureThreshold(), 3) >= 3, name + ": liveness must tolerate a hiccup");
        assertTrue(
                or(live.getPeriodSeconds(), 10) * or(live.getFailureThreshold(), 3) >= 20,
                name + ": liveness should not kill a pod for a < 20 s stall (GC, Redis timeouts)");
        Probe ready = c.getReadinessProbe();
        assertTrue(
                or(ready.getPeriodSeconds(), 10) * or(ready.getFailureThreshold(), 3) <= 30,
                name + ": readiness should notice an outage within 30 s");
        for (Probe p : List.of(startup, live, ready)) {
            assertTrue(
                    or(p.getTimeoutSeconds(), 1) >= 1 && or(p.getTimeoutSeconds(), 1) < or(p.getPeriodSeconds(), 10),
                    name + ": probe timeout must be shorter than its period");
        }
    }

    private static void checkProbe(String name, String which, Probe probe, String path, Container c) {
        assertNotNull(probe, name + ": no " + which);
        assertNotNull(probe.getHttpGet(), name + ": " + which + " must be an httpGet");
        assertEquals(path, probe.getHttpGet().getPath(), name + ": " + which + " path");
        var port = probe.getHttpGet().getPort();
        int number = port.getStrVal() != null
                ? c.getPorts().stream()
                        .filter(p -> port.getStrVal().equals(p.getName()))
                        .findFirst()
                        .orElseThrow(() ->
                                new AssertionError(name + ": " + which + " names an unknown port " + port.getStrVal()))
                        .getContainerPort()
                : port.getIntVal();
        assertEquals(Services.port(name), number, name + ": " + which + " port is not the port the app serves");
        String scheme = probe.getHttpGet().getScheme();
        assertTrue(scheme == null || scheme.equals("HTTP"), name + ": the apps serve plain HTTP");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void runsRestricted(String overlay, String name) {
        Deployment d = deployment(overlay, name);
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Container c = container(d);
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name + ": pod runAsNonRoot");
        assertEquals(
                "RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name + ": seccomp");
        assertTrue(
                pod.getSecurityContext().getRunAsUser() != null
                        && pod.getSecurityContext().getRunAsUser() > 0,
                name + ": numeric non-root user (the images use 185)");
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + ": no API token needed");
        var sc = c.getSecurityContext();
        assertNotNull(sc, name + ": container securityContext");
        assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), name + ": allowPrivilegeEscalation");
        assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), name + ": readOnlyRootFilesystem");
        assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), name + ": drop ALL capabilities");
        assertTrue(
                sc.getCapabilities().getAdd() == null
                        || sc.getCapabilities().getAdd().isEmpty(),
                name + ": no added caps");
        VolumeMount tmp = c.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + ": read-only root needs a writable /tmp"));
        Volume v = pod.getVolumes().stream()
                .filter(x -> x.getName().equals(tmp.getName()))
                .findFirst()
                .orElseThrow();
        assertNotNull(v.getEmptyDir(), name + ": /tmp must be an emptyDir");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void hasRequestsAndLimits(String overlay, String name) {
        var res = container(deployment(overlay, name)).getResources();
        for (String r : List.of("cpu", "memory")) {
            Quantity req = res.getRequests() == null ? null : res.getRequests().get(r);
            Quantity lim = res.getLimits() == null ? null : res.getLimits().get(r);
            assertNotNull(req, name + ": " + r + " request");
            assertNotNull(lim, name + ": " + r + " limit");
            assertTrue(
                    req.getNumericalAmount().compareTo(lim.getNumericalAmount()) <= 0,
                    name + ": " + r + " request above its limit");
        }
        assertTrue(
                res.getLimits().get("memory").getNumericalAmount().longValue() >= 256L * 1024 * 1024,
                name + ": a Quarkus JVM service needs at least 256Mi");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void setsOnlyEnvironmentVariablesTheAppReads(String overlay, String name) {
        Container c = container(deployment(overlay, name));
        Set<String> read = Services.envRead(name);
        List<String> unread = new ArrayList<>();
        for (EnvVar e : c.getEnv()) {
            if (!read.contains(e.getName())) {
                unread.add(e.getName());
            }
        }
        assertTrue(
                unread.isEmpty(),
                overlay + "/" + name + " sets environment variables the service never reads: " + unread + " (it reads: "
                        + read + ")");
        assertTrue(c.getEnvFrom() == null || c.getEnvFrom().isEmpty(), name + ": envFrom hides what is set; list env");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void referencesOnlyExistingConfigAndSecretKeys(String overlay, String name) {
        Container c = container(deployment(overlay, name));
        List<Secret> secrets = Manifests.all(overlay, Secret.class);
        for (EnvVar e : c.getEnv()) {
            if (e.getValueFrom() == null) {
                continue;
            }
            var sk = e.getValueFrom().getSecretKeyRef();
            var ck = e.getValueFrom().getConfigMapKeyRef();
            if (sk != null) {
                assertTrue(
                        Manifests.isGenerated(sk.getName(), "tickwarden-secrets"),
                        overlay + "/" + name + ": " + e.getName() + " from Secret " + sk.getName()
                                + " (variables come from tickwarden-secrets only)");
                assertTrue(
                        secretKeys(overlay).contains(sk.getKey()),
                        overlay + "/" + name + ": secret key " + sk.getKey()
                                + " is not one docs/operations.md lists for BROKER=" + Manifests.broker(overlay));
                if (secrets.isEmpty()) {
                    assertEquals("tickwarden-secrets", sk.getName(), name + ": prod references the operator's Secret");
                } else {
                    Secret s = secrets.stream()
                            .filter(x -> x.getMetadata().getName().equals(sk.getName()))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(name + ": no Secret " + sk.getName()));
                    assertTrue(s.getData().containsKey(sk.getKey()), name + ": Secret lacks " + sk.getKey());
                }
            } else if (ck != null) {
                ConfigMap cm = Manifests.all(overlay, ConfigMap.class).stream()
                        .filter(x -> x.getMetadata().getName().equals(ck.getName()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(name + ": no ConfigMap " + ck.getName()));
                assertTrue(
                        cm.getData().containsKey(ck.getKey()),
                        name + ": ConfigMap " + ck.getName() + " lacks " + ck.getKey());
            } else {
                fail(name + ": unsupported valueFrom for " + e.getName());
            }
        }
    }

    /**
     * Angel One's PIN and TOTP secret reach auth-service only, as read-only files of the Secret tickwarden-angel-login
     * (re-read at every login attempt, so the directory is mounted whole: a subPath mount never sees an edit), and
     * never as variables; no other pod mounts any Secret.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void mountsTheAngelLoginSecretIntoAuthServiceOnly(String overlay, String name) {
        Deployment d = deployment(overlay, name);
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Container c = container(d);
        String where = overlay + "/" + name;
        assertTrue(
                pod.getVolumes().stream().noneMatch(v -> v.getProjected() != null || v.getCsi() != null),
                where + ": secrets come in plain secret volumes, which this test can check");
        for (EnvVar e : c.getEnv()) {
            assertFalse(
                    e.getName().equals("ANGEL_PIN") || e.getName().equals("ANGEL_TOTP_SECRET"),
                    where + ": " + e.getName() + " as a variable (the pod spec and `kubectl describe` show those)");
            var sk = e.getValueFrom() == null ? null : e.getValueFrom().getSecretKeyRef();
            assertFalse(
                    sk != null && Manifests.isGenerated(sk.getName(), ANGEL_LOGIN_SECRET),
                    where + ": " + e.getName() + " comes from " + ANGEL_LOGIN_SECRET);
        }
        List<Volume> secretVolumes =
                pod.getVolumes().stream().filter(v -> v.getSecret() != null).toList();
        boolean angelAuth =
                name.equals("auth-service") && Manifests.broker(overlay).equals("angel");
        if (!angelAuth) {
            assertTrue(secretVolumes.isEmpty(), where + " mounts a Secret: " + secretVolumes);
            assertTrue(
                    c.getEnv().stream().noneMatch(e -> ANGEL_LOGIN_KEYS.containsValue(e.getName())),
                    where + ": only auth-service with BROKER=angel reads the PIN and TOTP secret files");
            return;
        }
        assertEquals(1, secretVolumes.size(), where + ": one secret volume, the Angel login");
        Volume v = secretVolumes.get(0);
        String secretName = v.getSecret().getSecretName();
        assertTrue(Manifests.isGenerated(secretName, ANGEL_LOGIN_SECRET), where + ": mounts " + secretName);
        Integer mode = v.getSecret().getDefaultMode();
        assertTrue(
                mode != null && (mode & 0007) == 0 && (mode & 0040) != 0,
                where + ": files readable by the pod's group (fsGroup), not by others: mode " + mode);
        Map<String, String> paths = new java.util.HashMap<>();
        if (v.getSecret().getItems() == null || v.getSecret().getItems().isEmpty()) {
            ANGEL_LOGIN_KEYS.keySet().forEach(k -> paths.put(k, k));
        } else {
            v.getSecret().getItems().forEach(i -> paths.put(i.getKey(), i.getPath()));
        }
        assertEquals(ANGEL_LOGIN_KEYS.keySet(), paths.keySet(), where + ": the Secret's keys");
        List<Secret> secrets = Manifests.all(overlay, Secret.class);
        if (secrets.isEmpty()) {
            assertEquals(ANGEL_LOGIN_SECRET, secretName, where + ": prod references the operator's Secret by its name");
        } else {
            Secret secret = secrets.stream()
                    .filter(x -> x.getMetadata().getName().equals(secretName))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(where + ": no Secret " + secretName));
            assertEquals(ANGEL_LOGIN_KEYS.keySet(), Manifests.decoded(secret).keySet(), where + ": " + secretName);
        }
        List<VolumeMount> mounts = c.getVolumeMounts().stream()
                .filter(m -> m.getName().equals(v.getName()))
                .toList();
        assertEquals(1, mounts.size(), where + ": the Angel login volume is mounted once");
        VolumeMount mount = mounts.get(0);
        assertEquals(Boolean.TRUE, mount.getReadOnly(), where + ": read-only");
        assertTrue(
                mount.getSubPath() == null && mount.getSubPathExpr() == null,
                where + ": no subPath: an edited Secret must reach the files, which are re-read at every login");
        for (var k : ANGEL_LOGIN_KEYS.entrySet()) {
            assertEquals(
                    mount.getMountPath() + "/" + paths.get(k.getKey()),
                    envValue(c, k.getValue()),
                    where + ": " + k.getValue() + " names the mounted file");
        }
    }

    /**
     * BROKER=angel (the overlay's tickwarden-config) gives auth-service and feed-service exactly their Angel settings
     * and no Kite ones, so that the operator's Secret needs no Kite keys; a Kite overlay has no Angel settings.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void eachServiceGetsTheSettingsOfTheOverlaysBrokerOnly(String overlay) {
        Manifests.assumeKubectl();
        boolean angel = Manifests.broker(overlay).equals("angel");
        assertTrue(Set.of("kite", "angel").contains(Manifests.broker(overlay)), overlay + ": BROKER");
        for (Deployment d : Manifests.all(overlay, Deployment.class)) {
            String name = d.getMetadata().getName();
            Container c = container(d);
            Set<String> angelNames = new java.util.TreeSet<>();
            Set<String> kiteNames = new java.util.TreeSet<>();
            for (EnvVar e : c.getEnv()) {
                if (e.getName().startsWith("ANGEL_") || e.getName().equals("BROKER")) {
                    angelNames.add(e.getName());
                } else if (e.getName().startsWith("KITE_")) {
                    kiteNames.add(e.getName());
                }
            }
            if (!ANGEL_ENV.containsKey(name)) {
                assertTrue(angelNames.isEmpty(), overlay + "/" + name + " has no business with Angel: " + angelNames);
                continue;
            }
            if (angel) {
                assertEquals(ANGEL_ENV.get(name), angelNames, overlay + "/" + name + ": the Angel settings");
                assertTrue(
                        kiteNames.isEmpty(), overlay + "/" + name + ": Kite settings with BROKER=angel: " + kiteNames);
                EnvVar broker = c.getEnv().stream()
                        .filter(e -> e.getName().equals("BROKER"))
                        .findFirst()
                        .orElseThrow();
                assertEquals(
                        "BROKER",
                        broker.getValueFrom().getConfigMapKeyRef().getKey(),
                        overlay + "/" + name + ": BROKER comes from tickwarden-config, as every service must agree");
            } else {
                assertTrue(angelNames.isEmpty(), overlay + "/" + name + ": Angel settings with Kite: " + angelNames);
                assertTrue(kiteNames.contains("KITE_API_KEY"), overlay + "/" + name + ": Kite's api key");
            }
        }
    }

    private static String envValue(Container c, String name) {
        return c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue)
                .findFirst()
                .orElse(null);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void hasAServiceOnTheAppsPort(String overlay, String name) {
        Service s = Manifests.one(overlay, Service.class, name);
        ServicePort p = s.getSpec().getPorts().stream()
                .filter(x -> "http".equals(x.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + ": Service has no port named http"));
        assertEquals(Services.port(name), p.getPort(), name + ": Service port (URLs use the contract ports)");
        assertEquals("http", p.getTargetPort().getStrVal(), name + ": targetPort should be the named port");
        var podLabels =
                deployment(overlay, name).getSpec().getTemplate().getMetadata().getLabels();
        s.getSpec().getSelector().forEach((k, v) -> assertEquals(v, podLabels.get(k), name + ": selector " + k));
        assertFalse(s.getSpec().getSelector().isEmpty(), name + ": empty selector");
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
