package io.tickwarden.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;

/**
 * A small evaluator of Kubernetes NetworkPolicy semantics (policies are additive allow-lists; a pod selected by
 * no policy of a direction is open in that direction; a connection needs both the source's egress and the
 * destination's ingress). Enough to check "only what must talk can talk" on the rendered overlays.
 */
final class PolicyModel {

    /** A pod (namespace + labels + a pod-network IP) or an outside address (no namespace). */
    record Endpoint(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels, String ip) {

        static Endpoint pod(String namespace, String ip, Map<String, String> labels) {
            return new Endpoint(namespace, Map.of("kubernetes.io/metadata.name", namespace), labels, ip);
        }

        static Endpoint external(String ip) {
            return new Endpoint(null, Map.of(), Map.of(), ip);
        }

        boolean isPod() {
            return namespace != null;
        }
    }

    private final List<NetworkPolicy> policies;

    PolicyModel(List<NetworkPolicy> policies) {
        this.policies = policies;
    }

    boolean allowed(Endpoint from, Endpoint to, int port, String protocol) {
        return egressAllowed(from, to, port, protocol) && ingressAllowed(from, to, port, protocol);
    }

    boolean allowed(Endpoint from, Endpoint to, int port) {
        return allowed(from, to, port, "TCP");
    }

    private boolean egressAllowed(Endpoint from, Endpoint to, int port, String protocol) {
        if (!from.isPod()) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(from, "Egress");
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream()
                .flatMap(p -> p.getSpec().getEgress() == null
                        ? java.util.stream.Stream.empty()
                        : p.getSpec().getEgress().stream().map(r -> new Object[] {p, r}))
                .anyMatch(pr -> {
                    var rule = (io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule) pr[1];
                    return portMatches(rule.getPorts(), port, protocol)
                            && peersMatch(
                                    rule.getTo(),
                                    to,
                                    ((NetworkPolicy) pr[0]).getMetadata().getNamespace());
                });
    }

    private boolean ingressAllowed(Endpoint from, Endpoint to, int port, String protocol) {
        if (!to.isPod()) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(to, "Ingress");
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream()
                .flatMap(p -> p.getSpec().getIngress() == null
                        ? java.util.stream.Stream.empty()
                        : p.getSpec().getIngress().stream().map(r -> new Object[] {p, r}))
                .anyMatch(pr -> {
                    var rule = (io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule) pr[1];
                    return portMatches(rule.getPorts(), port, protocol)
                            && peersMatch(
                                    rule.getFrom(),
                                    from,
                                    ((NetworkPolicy) pr[0]).getMetadata().getNamespace());
                });
    }

    private List<NetworkPolicy> selecting(Endpoint pod, String type) {
        return policies.stream()
                .filter(p -> pod.namespace().equals(p.getMetadata().getNamespace()))
                .filter(p -> types(p).contains(type))
                .filter(p -> matches(p.getSpec().getPodSelector(), pod.labels()))
                .toList();
    }

    private static List<String> types(NetworkPolicy p) {
        List<String> t = p.getSpec().getPolicyTypes();
        if (t != null && !t.isEmpty()) {
            return t;
        }
        return p.getSpec().getEgress() != null && !p.getSpec().getEgress().isEmpty()
                ? List.of("Ingress", "Egress")
                : List.of("Ingress");
    }

    private static boolean portMatches(List<NetworkPolicyPort> ports, int port, String protocol) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            String proto = p.getProtocol() == null ? "TCP" : p.getProtocol();
            IntOrString number = p.getPort();
            if (number != null && number.getStrVal() != null) {
                throw new AssertionError("named port " + number.getStrVal() + " in a NetworkPolicy: use numbers");
            }
            if (!proto.equals(protocol)) {
                continue;
            }
            if (number == null) {
                return true;
            }
            int first = number.getIntVal();
            int last = p.getEndPort() != null ? p.getEndPort() : first;
            if (port >= first && port <= last) {
                return true;
            }
        }
        return false;
    }

    private static boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint other, String policyNamespace) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                if (ipBlockMatches(peer.getIpBlock(), other.ip())) {
                    return true;
                }
                continue;
            }
            if (!other.isPod()) {
                continue;
            }
            boolean nsOk = peer.getNamespaceSelector() == null
                    ? other.namespace().equals(policyNamespace)
                    : matches(peer.getNamespaceSelector(), other.namespaceLabels());
            boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), other.labels());
            if (nsOk && podOk) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String v = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> v != null && r.getValues().contains(v);
                    case "NotIn" -> v == null || !r.getValues().contains(v);
                    case "Exists" -> v != null;
                    case "DoesNotExist" -> v == null;
                    default -> throw new AssertionError("unknown selector operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean ipBlockMatches(IPBlock block, String ip) {
        if (!inCidr(block.getCidr(), ip)) {
            return false;
        }
        return block.getExcept() == null || block.getExcept().stream().noneMatch(c -> inCidr(c, ip));
    }

    static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
    }

    private static long toLong(String ip) {
        long v = 0;
        for (String octet : ip.split("\\.")) {
            v = (v << 8) | Integer.parseInt(octet);
        }
        return v;
    }
}
