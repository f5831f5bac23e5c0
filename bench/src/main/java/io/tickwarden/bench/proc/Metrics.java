package io.tickwarden.bench.proc;

import io.tickwarden.bench.system.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prometheus counters of a service ({@code /q/metrics}), to explain a phase (coalesced, dropped, out of order). */
public final class Metrics {

    private Metrics() {}

    /** Every sample whose name starts with one of {@code prefixes}, keyed by name plus labels. */
    public static Map<String, Double> scrape(Http http, String baseUrl, List<String> prefixes) {
        Map<String, Double> out = new LinkedHashMap<>();
        Http.Response r = http.get(baseUrl + "/q/metrics");
        if (!r.ok()) {
            return out;
        }
        for (String line : r.body().split("\n")) {
            if (line.startsWith("#") || prefixes.stream().noneMatch(line::startsWith)) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            try {
                out.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
            } catch (RuntimeException e) {
                // not a plain sample
            }
        }
        return out;
    }

    public static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0.0)));
        return out;
    }
}
