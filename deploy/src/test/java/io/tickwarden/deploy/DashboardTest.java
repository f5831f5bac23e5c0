package io.tickwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard queries metrics the services really export (found in their sources), metrics of the
 * standard exporters, or metrics listed below as not exported yet (each also listed in docs/operations.md).
 */
class DashboardTest {

    /** Used by the dashboard, proposed to the services' owners, not exported yet. */
    static final Set<String> ASSUMED = Set.of();

    /** From redis_exporter, kube-state-metrics, Prometheus itself and Quarkus's default JVM binder. */
    static final Pattern EXTERNAL = Pattern.compile("^(up|redis_.+|kube_.+|jvm_.+|process_.+|http_server_.+)$");

    /** PromQL words that look like metric names but are functions, keywords or label names. */
    static final Set<String> NOT_METRICS = Set.of(
            "sum",
            "max",
            "min",
            "avg",
            "count",
            "rate",
            "increase",
            "by",
            "on",
            "and",
            "or",
            "unless",
            "without",
            "group_left",
            "group_right",
            "histogram_quantile",
            "bool",
            "label_values",
            "irate",
            "delta",
            "abs",
            "topk",
            "time",
            "ignoring",
            "offset",
            "clamp_min");

    static JsonNode dashboard;
    static Set<String> exported;

    @BeforeAll
    static void load() throws IOException {
        dashboard = Manifests.STRICT.readTree(Repo.read("k8s/base/grafana/tickwarden-dashboard.json"));
        exported = exportedMetricNames();
    }

    /** Prometheus names of every meter registered in the services' sources (Micrometer naming). */
    static Set<String> exportedMetricNames() {
        Pattern p = Pattern.compile("(?:builder|counter|gauge|timer|summary|Counted|Timed)\\(\\s*"
                + "(?:value\\s*=\\s*|name\\s*=\\s*)?\"([a-zA-Z][\\w.]*)\"");
        Set<String> out = new TreeSet<>();
        for (String service : Services.ALL) {
            Path java = Repo.path(service + "/src/main/java");
            if (!Files.isDirectory(java)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(java)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    Matcher m = p.matcher(Repo.read(f));
                    while (m.find()) {
                        String base = m.group(1).replace('.', '_');
                        for (String suffix : List.of(
                                "",
                                "_total",
                                "_count",
                                "_sum",
                                "_max",
                                "_bucket",
                                "_seconds",
                                "_seconds_count",
                                "_seconds_sum",
                                "_seconds_max",
                                "_seconds_bucket")) {
                            out.add(base + suffix);
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static List<String> expressions() {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                out.add(t.path("expr").asText());
            }
        }
        return out;
    }

    static Set<String> metricsIn(String expr) {
        String stripped = expr.replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll(
                        "\\((?:pod|state|cause|change|status|kind|outcome|source|operation|to|reason|exchange|"
                                + "segment|phase|job|le)(?:\\s*,\\s*\\w+)*\\)",
                        "");
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\b([a-zA-Z_][a-zA-Z0-9_]*)\\b(?!\\s*\\()").matcher(stripped);
        while (m.find()) {
            String w = m.group(1);
            if (!NOT_METRICS.contains(w) && !w.matches("\\d.*")) {
                out.add(w);
            }
        }
        return out;
    }

    @Test
    void everyQueriedMetricIsExportedExternalOrListedAsAssumed() {
        List<String> unknown = new ArrayList<>();
        for (String expr : expressions()) {
            for (String metric : metricsIn(expr)) {
                if (!exported.contains(metric) && !EXTERNAL.matcher(metric).matches() && !ASSUMED.contains(metric)) {
                    unknown.add(metric + " in " + expr);
                }
            }
        }
        assertTrue(unknown.isEmpty(), "metrics no service exports: " + unknown);
    }

    @Test
    void theAssumedMetricsAreDocumentedForTheirOwners() {
        String doc = Repo.read("docs/operations.md");
        for (String m : ASSUMED) {
            assertTrue(doc.contains("`" + m), "docs/operations.md must list the assumed metric " + m);
        }
    }

    @Test
    void theMetricScannerFindsKnownMeters() {
        assertTrue(exported.contains("feed_reconnects_total"), exported.toString());
        assertTrue(exported.contains("auth_token_expires_in_seconds"), exported.toString());
        assertEquals(
                Set.of("feed_last_tick_age_seconds", "feed_is_leader"),
                metricsIn(
                        "max(feed_last_tick_age_seconds{namespace=\"$namespace\"} and on(pod) (feed_is_leader == 1))"));
    }

    @Test
    void coversTheIssuesTopics() {
        String all = String.join("\n", expressions());
        for (String needle : List.of(
                "feed_last_tick_age_seconds",
                "feed_reconnects_total",
                "cause",
                "auth_state",
                "auth_token_expires_in_seconds",
                "session_phase",
                "gateway_ws_deliveries_total",
                "gateway_tick_lag",
                "redis_up",
                "feed_is_leader")) {
            assertTrue(all.contains(needle), "the dashboard should show " + needle);
        }
        assertTrue(all.contains("gateway_ws_closes_total"), "closes by reason, slow_consumer among them");
        assertTrue(dashboard.path("templating").path("list").size() >= 2, "datasource and namespace variables");
        assertEquals("tickwarden-overview", dashboard.path("uid").asText());
    }
}
