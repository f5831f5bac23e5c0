package io.tickwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Safe rollouts (feed lease handover, gateway HPA), the calendar ConfigMap, monitoring, and dev versus prod. */
class RolloutAndTopologyTest {

    static List<String> overlays() {
        return Manifests.overlays();
    }

    private static Container container(String overlay, String name) {
        return Manifests.one(overlay, Deployment.class, name)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }

    private static Optional<String> envValue(Container c, String name) {
        return c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue)
                .findFirst();
    }

    /** A Quarkus duration ("10s", "500ms", "PT10S") as a Duration. */
    static Duration duration(String text) {
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t);
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofSeconds(Long.parseLong(t));
        };
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodGetsLongerToStopThanItsShutdownTimeoutPlusPreStop(String overlay) {
        for (Deployment d : Manifests.all(overlay, Deployment.class)) {
            String name = d.getMetadata().getName();
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            Duration shutdown = duration(envValue(c, "QUARKUS_SHUTDOWN_TIMEOUT")
                    .orElseThrow(() -> new AssertionError(name + ": set QUARKUS_SHUTDOWN_TIMEOUT")));
            long preStop = c.getLifecycle() == null || c.getLifecycle().getPreStop() == null
                    ? 0
                    : c.getLifecycle().getPreStop().getSleep().getSeconds();
            long grace = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertTrue(
                    grace >= shutdown.toSeconds() + preStop + 5,
                    name + ": terminationGracePeriodSeconds " + grace + " leaves no margin over shutdown " + shutdown
                            + " + preStop " + preStop + " s");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void feedServiceRunsTwoReplicasAndRollsOneAtATimeBehindAPdb(String overlay) {
        Deployment feed = Manifests.one(overlay, Deployment.class, "feed-service");
        assertEquals(2, feed.getSpec().getReplicas(), "two replicas behind the Redis lease");
        var strategy = feed.getSpec().getStrategy();
        assertEquals("RollingUpdate", strategy.getType());
        assertEquals(0, strategy.getRollingUpdate().getMaxSurge().getIntVal(), "never a third feed pod");
        assertEquals(1, strategy.getRollingUpdate().getMaxUnavailable().getIntVal(), "one pod at a time");
        assertTrue(
                feed.getSpec().getMinReadySeconds() != null && feed.getSpec().getMinReadySeconds() >= 5,
                "a new feed pod should settle as standby before the next old pod (maybe the leader) is stopped");
        Container c = feed.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(envValue(c, "FEED_INSTANCE_ID").isEmpty(), "the instance id must stay the pod name (HOSTNAME)");

        PodDisruptionBudget pdb = Manifests.one(overlay, PodDisruptionBudget.class, "feed-service");
        assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal());
        assertTrue(
                PolicyModel.matches(
                        pdb.getSpec().getSelector(),
                        feed.getSpec().getTemplate().getMetadata().getLabels()),
                "the PDB must select the feed pods");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void gatewayIsScaledByACpuHpa(String overlay) {
        Deployment gw = Manifests.one(overlay, Deployment.class, "gateway");
        assertNull(gw.getSpec().getReplicas(), "the HPA owns the gateway's replica count; an apply must not reset it");
        HorizontalPodAutoscaler hpa = Manifests.one(overlay, HorizontalPodAutoscaler.class, "gateway");
        assertEquals("autoscaling/v2", hpa.getApiVersion());
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals("gateway", hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2, "at least two gateways: a rollout or node loss keeps clients");
        assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas());
        MetricSpec cpu = hpa.getSpec().getMetrics().stream()
                .filter(m -> "Resource".equals(m.getType())
                        && "cpu".equals(m.getResource().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the HPA scales on CPU"));
        assertEquals("Utilization", cpu.getResource().getTarget().getType());
        assertNotNull(
                gw.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getResources()
                        .getRequests()
                        .get("cpu"),
                "CPU utilisation needs a CPU request");
        assertEquals(
                0,
                gw.getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal(),
                "gateway rollouts add before they remove");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void sessionServiceReadsTheCalendarFromAMountedConfigMapThatEqualsTheBundledOne(String overlay) throws Exception {
        Deployment d = Manifests.one(overlay, Deployment.class, "session-service");
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        var mount = c.getVolumeMounts().stream()
                .filter(m -> m.getName().equals("calendar"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no calendar volume mount"));
        var volume = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("calendar"))
                .findFirst()
                .orElseThrow();
        ConfigMap cm = Manifests.all(overlay, ConfigMap.class).stream()
                .filter(x ->
                        x.getMetadata().getName().equals(volume.getConfigMap().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "calendar ConfigMap " + volume.getConfigMap().getName() + " missing"));
        Map<String, String> files =
                Map.of("SESSION_CALENDAR_FILE", "exchange-calendar.csv", "SESSION_TIMING_FILE", "timing-rules.csv");
        for (var e : files.entrySet()) {
            assertEquals(
                    mount.getMountPath() + "/" + e.getValue(),
                    envValue(c, e.getKey()).orElse(null),
                    e.getKey());
            String bundled = Files.readString(Repo.path("session-service/src/main/resources/calendar/" + e.getValue()));
            assertEquals(
                    bundled,
                    cm.getData().get(e.getValue()),
                    e.getValue() + " in the rendered ConfigMap differs from the bundled calendar");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasAServiceMonitorOnItsMetricsEndpoint(String overlay) {
        for (Deployment d : Manifests.all(overlay, Deployment.class)) {
            String name = d.getMetadata().getName();
            ServiceMonitor sm = Manifests.one(overlay, ServiceMonitor.class, name);
            Service svc = Manifests.one(overlay, Service.class, name);
            sm.getSpec()
                    .getSelector()
                    .getMatchLabels()
                    .forEach((k, v) -> assertEquals(
                            v, svc.getMetadata().getLabels().get(k), name + ": ServiceMonitor selects its Service"));
            var ep = sm.getSpec().getEndpoints().get(0);
            assertEquals("/q/metrics", ep.getPath(), name);
            assertTrue(
                    svc.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(ep.getPort())),
                    name + ": ServiceMonitor port " + ep.getPort() + " is not a port of the Service");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theGrafanaDashboardShipsInALabelledConfigMap(String overlay) throws Exception {
        ConfigMap cm = Manifests.one(overlay, ConfigMap.class, "tickwarden-grafana-dashboard");
        assertEquals("1", cm.getMetadata().getLabels().get("grafana_dashboard"));
        JsonNode dash = Manifests.STRICT.readTree(cm.getData().get("tickwarden-dashboard.json"));
        assertTrue(dash.path("panels").size() > 10);
    }

    @Test
    void devRunsKiteSimAndRedisAndPointsKiteAtTheSim() {
        assertNotNull(Manifests.one("dev", StatefulSet.class, "redis"));
        Container sim = container("dev", "kite-sim");
        assertEquals("0.0.0.0", envValue(sim, "KITE_SIM_HOST").orElse(null), "kite-sim binds 127.0.0.1 by default");
        ConfigMap cfg = Manifests.generated("dev", ConfigMap.class, "tickwarden-config");
        int simPort = Services.port("kite-sim");
        assertEquals("http://kite-sim:" + simPort, cfg.getData().get("KITE_API_URL"));
        assertEquals("ws://kite-sim:" + simPort, cfg.getData().get("KITE_WS_URL"));
        Service simSvc = Manifests.one("dev", Service.class, "kite-sim");
        assertEquals(simPort, simSvc.getSpec().getPorts().get(0).getPort());
        Secret secret = Manifests.generated("dev", Secret.class, "tickwarden-secrets");
        assertEquals(DeploymentsTest.secretKeys("dev"), secret.getData().keySet());
        String redisUrl =
                new String(java.util.Base64.getDecoder().decode(secret.getData().get("REDIS_URL")));
        assertEquals("redis://redis:6379", redisUrl);
        assertNotNull(Manifests.one("dev", Service.class, "redis"));
    }

    @Test
    void devAngelRunsSmartApiSimAndRedisAndPointsAngelAtTheSimsDemoAccount() {
        assertTrue(overlays().contains("dev-angel"));
        assertNotNull(Manifests.one("dev-angel", StatefulSet.class, "redis"));
        assertNotNull(Manifests.one("dev-angel", Service.class, "redis"));
        assertTrue(
                Manifests.all("dev-angel", Deployment.class).stream()
                        .noneMatch(d -> d.getMetadata().getName().equals("kite-sim")),
                "no kite-sim with Angel One");
        assertTrue(
                Manifests.all("dev-angel", Service.class).stream()
                        .noneMatch(d -> d.getMetadata().getName().equals("kite-sim")),
                "no kite-sim Service");
        assertFalse(
                Manifests.all("dev-angel", Deployment.class)
                        .get(0)
                        .getMetadata()
                        .getNamespace()
                        .equals(Manifests.all("dev", Deployment.class)
                                .get(0)
                                .getMetadata()
                                .getNamespace()),
                "dev-angel has its own namespace, so it can run beside dev");
        Container sim = container("dev-angel", "smartapi-sim");
        assertEquals(
                "0.0.0.0", envValue(sim, "SMARTAPI_SIM_HOST").orElse(null), "smartapi-sim binds 127.0.0.1 by default");
        assertEquals(
                "Recreate",
                Manifests.one("dev-angel", Deployment.class, "smartapi-sim")
                        .getSpec()
                        .getStrategy()
                        .getType(),
                "the sim's sessions live in its memory: never two sims");
        int simPort = Services.port("smartapi-sim");
        assertEquals(
                simPort,
                Manifests.one("dev-angel", Service.class, "smartapi-sim")
                        .getSpec()
                        .getPorts()
                        .get(0)
                        .getPort());
        Map<String, String> cfg = Manifests.config("dev-angel");
        assertEquals("angel", cfg.get("BROKER"));
        assertEquals("http://smartapi-sim:" + simPort, cfg.get("ANGEL_API_URL"));
        assertEquals("ws://smartapi-sim:" + simPort + "/smart-stream", cfg.get("ANGEL_WS_URL"));
        assertEquals(
                "http://smartapi-sim:" + simPort + "/OpenAPI_File/files/OpenAPIScripMaster.json",
                cfg.get("ANGEL_INSTRUMENTS_URL"));
        // The demo account is the sim's own (from its sources): auth-service logs in to it without a human.
        Map<String, String> secrets =
                Manifests.decoded(Manifests.generated("dev-angel", Secret.class, "tickwarden-secrets"));
        assertTrue(
                secrets.keySet().containsAll(DeploymentsTest.secretKeys("dev-angel")),
                secrets.keySet().toString());
        assertEquals("redis://redis:6379", secrets.get("REDIS_URL"));
        assertEquals(Services.smartApiSimDefault("apiKey"), secrets.get("ANGEL_API_KEY"));
        assertEquals(Services.smartApiSimDefault("clientCode"), secrets.get("ANGEL_CLIENT_CODE"));
        Map<String, String> login =
                Manifests.decoded(Manifests.generated("dev-angel", Secret.class, DeploymentsTest.ANGEL_LOGIN_SECRET));
        assertEquals(
                Map.of(
                        "pin",
                        Services.smartApiSimDefault("pin"),
                        "totp-secret",
                        Services.smartApiSimDefault("totpSecret")),
                login);
        // The sim is told the same api key and client code, and keeps its built-in PIN and TOTP secret.
        for (var e : Map.of("SMARTAPI_SIM_API_KEY", "ANGEL_API_KEY", "SMARTAPI_SIM_CLIENT_CODE", "ANGEL_CLIENT_CODE")
                .entrySet()) {
            EnvVar v = sim.getEnv().stream()
                    .filter(x -> x.getName().equals(e.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("smartapi-sim: " + e.getKey()));
            assertEquals(e.getValue(), v.getValueFrom().getSecretKeyRef().getKey(), e.getKey());
        }
        assertTrue(
                sim.getEnv().stream()
                        .noneMatch(x -> x.getName().equals("SMARTAPI_SIM_PIN")
                                || x.getName().equals("SMARTAPI_SIM_TOTP_SECRET")),
                "the sim keeps its demo PIN and TOTP secret");
    }

    @Test
    void everyOverlayWithADemoAdminKeyLetsAuthServiceAcceptIt() {
        for (String overlay : overlays()) {
            List<Secret> secrets = Manifests.all(overlay, Secret.class).stream()
                    .filter(s -> Manifests.isGenerated(s.getMetadata().getName(), "tickwarden-secrets"))
                    .toList();
            if (secrets.isEmpty()) {
                continue;
            }
            String adminKey = Manifests.decoded(secrets.get(0)).get("ADMIN_API_KEY");
            if (adminKey.length() >= 16) {
                continue;
            }
            // auth-service (a prod build) refuses an admin key under 16 characters unless AUTH_ALLOW_DEMO_SECRETS=true.
            Container auth = container(overlay, "auth-service");
            EnvVar flag = auth.getEnv().stream()
                    .filter(e -> e.getName().equals("AUTH_ALLOW_DEMO_SECRETS"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": the admin key '" + adminKey + "' is short and "
                            + "auth-service is not given AUTH_ALLOW_DEMO_SECRETS: it would refuse to start"));
            String value = flag.getValue() != null
                    ? flag.getValue()
                    : Manifests.config(overlay)
                            .get(flag.getValueFrom().getConfigMapKeyRef().getKey());
            assertEquals("true", value, overlay + ": AUTH_ALLOW_DEMO_SECRETS");
        }
    }

    @Test
    void prodTalksToTheRealBrokerAndBringsNoSimNoRedisAndNoSecret() {
        for (String overlay :
                overlays().stream().filter(o -> o.startsWith("prod")).toList()) {
            for (String sim : Services.SIM_HOST_VARIABLE.keySet()) {
                assertTrue(
                        Manifests.all(overlay, Deployment.class).stream()
                                .noneMatch(d -> d.getMetadata().getName().equals(sim)),
                        overlay + ": no " + sim);
            }
            assertTrue(Manifests.all(overlay, StatefulSet.class).isEmpty(), overlay + ": Redis is external");
            assertTrue(Manifests.all(overlay, Secret.class).isEmpty(), overlay + ": the operator creates the Secrets");
            Map<String, String> cfg = Manifests.config(overlay);
            if (Manifests.broker(overlay).equals("angel")) {
                // The real Angel One: the very defaults the apps have.
                assertEquals(propertyDefault("feed-service", "angel.api-url"), cfg.get("ANGEL_API_URL"));
                assertEquals(propertyDefault("auth-service", "angel.api-url"), cfg.get("ANGEL_API_URL"));
                assertEquals(propertyDefault("feed-service", "angel.ws-url"), cfg.get("ANGEL_WS_URL"));
                assertEquals(
                        propertyDefault("feed-service", "angel.instruments-url"), cfg.get("ANGEL_INSTRUMENTS_URL"));
                assertTrue(
                        cfg.get("ANGEL_API_URL").startsWith("https://")
                                && cfg.get("ANGEL_WS_URL").startsWith("wss://")
                                && cfg.get("ANGEL_INSTRUMENTS_URL").startsWith("https://"),
                        overlay + ": TLS only (egress is 443)");
            } else {
                assertEquals("https://api.kite.trade", cfg.get("KITE_API_URL"));
                assertEquals("wss://ws.kite.trade", cfg.get("KITE_WS_URL"));
                assertEquals("https://kite.zerodha.com/connect/login", cfg.get("KITE_LOGIN_URL"));
            }
            for (String app : Services.APPS) {
                Container c = container(overlay, app);
                EnvVar redis = c.getEnv().stream()
                        .filter(e -> e.getName().equals("REDIS_URL"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(app + ": REDIS_URL"));
                assertEquals(
                        "tickwarden-secrets",
                        redis.getValueFrom().getSecretKeyRef().getName(),
                        app + ": REDIS_URL (may carry a password) comes from the Secret");
                assertFalse(c.getImage().startsWith("tickwarden/"), overlay + ": pin a registry image for " + app);
            }
        }
        assertTrue(overlays().contains("prod-angel"), "the Angel One variant of prod");
        assertEquals("angel", Manifests.broker("prod-angel"));
        assertEquals("kite", Manifests.broker("prod"));
    }

    /** The default of {@code prop=${VAR:default}} in a service's application.properties. */
    private static String propertyDefault(String service, String property) {
        String raw = Services.properties(service).getProperty(property);
        assertNotNull(raw, service + ": " + property);
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^\\$\\{[A-Z_]+:(.*)}$").matcher(raw.trim());
        assertTrue(m.matches(), service + ": " + property + " = " + raw);
        return m.group(1);
    }

    @Test
    void theSentinelVariantSwitchesTheRedisClientOfEveryApp() {
        assertTrue(overlays().contains("prod-sentinel"));
        for (String app : Services.APPS) {
            Container c = container("prod-sentinel", app);
            assertEquals("sentinel", envValue(c, "QUARKUS_REDIS_CLIENT_TYPE").orElse(null), app);
            assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals("QUARKUS_REDIS_MASTER_NAME")), app);
        }
        // The feed leader's fence outlasts a failover, and the TTL stays above the fence.
        Container feed = container("prod-sentinel", "feed-service");
        assertEquals("5s", envValue(feed, "FEED_LEASE_FENCE_AFTER").orElse(null));
        assertEquals("7s", envValue(feed, "FEED_LEASE_TTL").orElse(null));
    }
}
