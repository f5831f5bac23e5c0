package io.tickwarden.deploy;

import static io.tickwarden.deploy.PolicyModel.Endpoint;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only what must talk can talk: the rendered NetworkPolicies, evaluated connection by connection. */
class NetworkPolicyTest {

    private static final Endpoint INTERNET = Endpoint.external("203.0.113.7");
    private static final Endpoint EXTERNAL_REDIS = Endpoint.external("198.51.100.20");
    private static final Endpoint PROMETHEUS =
            Endpoint.pod("monitoring", "10.9.0.5", Map.of("app.kubernetes.io/name", "prometheus"));
    private static final Endpoint DNS = Endpoint.pod("kube-system", "10.9.0.10", Map.of("k8s-app", "kube-dns"));
    private static final Endpoint OTHER_NS_POD = Endpoint.pod("someone-else", "10.9.0.99", Map.of("app", "x"));

    private static Map<String, Endpoint> pods(String namespace, List<String> names) {
        Map<String, Endpoint> out = new HashMap<>();
        int i = 10;
        for (String n : names) {
            out.put(
                    n,
                    Endpoint.pod(
                            namespace,
                            "10.1.0." + i++,
                            Map.of("app.kubernetes.io/name", n, "app.kubernetes.io/part-of", "tickwarden")));
        }
        return out;
    }

    private static PolicyModel model(String overlay) {
        List<NetworkPolicy> policies = Manifests.all(overlay, NetworkPolicy.class);
        assertTrue(
                policies.stream()
                        .anyMatch(p -> empty(p.getSpec().getPodSelector().getMatchLabels())
                                && empty(p.getSpec().getPodSelector().getMatchExpressions())
                                && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                                && empty(p.getSpec().getIngress())
                                && empty(p.getSpec().getEgress())),
                overlay + ": a default-deny policy for ingress and egress");
        return new PolicyModel(policies);
    }

    private static boolean empty(Object collectionOrMap) {
        return collectionOrMap == null
                || (collectionOrMap instanceof java.util.Collection<?> c && c.isEmpty())
                || (collectionOrMap instanceof Map<?, ?> m && m.isEmpty());
    }

    private static String ns(String overlay) {
        return Manifests.all(overlay, NetworkPolicy.class).get(0).getMetadata().getNamespace();
    }

    @Test
    void dev() {
        PolicyModel m = model("dev");
        Map<String, Endpoint> p = pods(
                ns("dev"), List.of("session-service", "auth-service", "feed-service", "gateway", "kite-sim", "redis"));
        commonRules(m, p);
        for (String app : Services.APPS) {
            assertTrue(m.allowed(p.get(app), p.get("redis"), 6379), app + " -> redis");
        }
        assertFalse(m.allowed(p.get("kite-sim"), p.get("redis"), 6379), "kite-sim has no business with Redis");
        assertFalse(m.allowed(OTHER_NS_POD, p.get("redis"), 6379), "other namespaces -> redis");
        assertFalse(m.allowed(INTERNET, p.get("redis"), 6379), "internet -> redis");
        assertTrue(m.allowed(p.get("auth-service"), p.get("kite-sim"), 8090), "auth -> kite-sim");
        assertTrue(m.allowed(p.get("feed-service"), p.get("kite-sim"), 8090), "feed -> kite-sim");
        assertFalse(m.allowed(p.get("gateway"), p.get("kite-sim"), 8090), "gateway -> kite-sim");
        assertFalse(m.allowed(p.get("session-service"), p.get("kite-sim"), 8090), "session -> kite-sim");
        assertFalse(m.allowed(INTERNET, p.get("kite-sim"), 8090), "the sim's controls are unauthenticated");
        assertFalse(m.allowed(p.get("feed-service"), INTERNET, 443), "dev never reaches the real Kite");
        assertTrue(m.allowed(PROMETHEUS, p.get("kite-sim"), 8090), "prometheus -> kite-sim");
        assertTrue(m.allowed(PROMETHEUS, p.get("redis"), 9121), "prometheus -> redis exporter");
    }

    @Test
    void devAngel() {
        PolicyModel m = model("dev-angel");
        Map<String, Endpoint> p = pods(
                ns("dev-angel"),
                List.of("session-service", "auth-service", "feed-service", "gateway", "smartapi-sim", "redis"));
        commonRules(m, p);
        for (String app : Services.APPS) {
            assertTrue(m.allowed(p.get(app), p.get("redis"), 6379), app + " -> redis");
        }
        int sim = Services.port("smartapi-sim");
        assertFalse(m.allowed(p.get("smartapi-sim"), p.get("redis"), 6379), "smartapi-sim has no business with Redis");
        assertFalse(m.allowed(OTHER_NS_POD, p.get("redis"), 6379), "other namespaces -> redis");
        assertTrue(m.allowed(p.get("auth-service"), p.get("smartapi-sim"), sim), "auth -> smartapi-sim (login)");
        assertTrue(
                m.allowed(p.get("feed-service"), p.get("smartapi-sim"), sim), "feed -> smartapi-sim (stream, quotes)");
        assertFalse(m.allowed(p.get("gateway"), p.get("smartapi-sim"), sim), "gateway -> smartapi-sim");
        assertFalse(m.allowed(p.get("session-service"), p.get("smartapi-sim"), sim), "session -> smartapi-sim");
        assertFalse(m.allowed(INTERNET, p.get("smartapi-sim"), sim), "the sim's controls are unauthenticated");
        assertFalse(m.allowed(OTHER_NS_POD, p.get("smartapi-sim"), sim), "other namespaces -> smartapi-sim");
        assertFalse(m.allowed(p.get("feed-service"), INTERNET, 443), "dev never reaches the real Angel One");
        assertFalse(m.allowed(p.get("auth-service"), INTERNET, 443), "dev never logs in to the real Angel One");
        // dev's kite-sim rules are gone with kite-sim: a pod wearing its label gets nothing.
        Endpoint kiteSim = Endpoint.pod(
                ns("dev-angel"),
                "10.1.0.90",
                Map.of("app.kubernetes.io/name", "kite-sim", "app.kubernetes.io/part-of", "tickwarden"));
        assertFalse(m.allowed(p.get("feed-service"), kiteSim, 8090), "no egress to kite-sim in dev-angel");
        assertTrue(m.allowed(PROMETHEUS, p.get("smartapi-sim"), sim), "prometheus -> smartapi-sim");
        assertTrue(m.allowed(PROMETHEUS, p.get("redis"), 9121), "prometheus -> redis exporter");
    }

    @Test
    void prod() {
        for (String overlay :
                Manifests.overlays().stream().filter(o -> o.startsWith("prod")).toList()) {
            PolicyModel m = model(overlay);
            Map<String, Endpoint> p = pods(ns(overlay), Services.APPS);
            commonRules(m, p);
            for (String app : Services.APPS) {
                assertTrue(m.allowed(p.get(app), EXTERNAL_REDIS, 6379), app + " -> external Redis");
                assertTrue(m.allowed(p.get(app), EXTERNAL_REDIS, 26379), app + " -> Sentinel");
            }
            String broker = Manifests.broker(overlay);
            assertTrue(m.allowed(p.get("auth-service"), INTERNET, 443), overlay + ": auth -> " + broker);
            assertTrue(m.allowed(p.get("feed-service"), INTERNET, 443), overlay + ": feed -> " + broker);
            assertFalse(m.allowed(p.get("gateway"), INTERNET, 443), "gateway -> internet");
            assertFalse(m.allowed(p.get("session-service"), INTERNET, 443), "session -> internet");
            assertFalse(
                    m.allowed(p.get("feed-service"), Endpoint.external("10.20.30.40"), 443),
                    "broker egress must not open private addresses");
            assertFalse(m.allowed(p.get("feed-service"), INTERNET, 80), "plain HTTP out");
        }
    }

    @Test
    void everyOverlayIsEvaluatedHere() {
        for (String overlay : Manifests.overlays()) {
            assertTrue(
                    overlay.equals("dev") || overlay.equals("dev-angel") || overlay.startsWith("prod"),
                    overlay + ": add its policies' connection checks to this class");
        }
    }

    private static void commonRules(PolicyModel m, Map<String, Endpoint> p) {
        assertTrue(m.allowed(INTERNET, p.get("gateway"), 8080), "clients -> gateway");
        assertTrue(m.allowed(OTHER_NS_POD, p.get("gateway"), 8080), "ingress controller -> gateway");
        assertTrue(m.allowed(INTERNET, p.get("auth-service"), 8082), "browser login/callback -> auth");
        assertFalse(m.allowed(INTERNET, p.get("session-service"), 8081), "internet -> session");
        assertFalse(m.allowed(INTERNET, p.get("feed-service"), 8083), "internet -> feed");
        assertFalse(m.allowed(INTERNET, p.get("gateway"), 8081), "only the gateway's port");
        assertTrue(m.allowed(p.get("gateway"), p.get("session-service"), 8081), "gateway -> session");
        assertTrue(m.allowed(p.get("gateway"), p.get("auth-service"), 8082), "gateway -> auth");
        assertTrue(m.allowed(p.get("gateway"), p.get("feed-service"), 8083), "gateway -> feed");
        assertFalse(m.allowed(p.get("feed-service"), p.get("session-service"), 8081), "feed -> session (Redis only)");
        assertFalse(m.allowed(p.get("session-service"), p.get("feed-service"), 8083), "session -> feed");
        assertFalse(m.allowed(p.get("auth-service"), p.get("gateway"), 8080), "auth -> gateway");
        assertFalse(m.allowed(p.get("gateway"), INTERNET, 6380), "nothing else out");
        for (String app : Services.APPS) {
            assertTrue(m.allowed(p.get(app), DNS, 53, "UDP"), app + " -> DNS");
            assertTrue(m.allowed(PROMETHEUS, p.get(app), Services.port(app)), "prometheus -> " + app + " /q/metrics");
            assertFalse(
                    m.allowed(OTHER_NS_POD, p.get(app), Services.port(app))
                            && !app.equals("gateway")
                            && !app.equals("auth-service"),
                    "other namespaces -> " + app);
        }
    }
}
