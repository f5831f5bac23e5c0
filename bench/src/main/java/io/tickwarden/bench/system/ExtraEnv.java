package io.tickwarden.bench.system;

import java.util.HashMap;
import java.util.Map;

/**
 * Extra environment per module from the command line, {@code --env "feed-service:KEY=VALUE,gateway:KEY=VALUE"},
 * merged over a scenario's own settings (to measure a tuning without editing the bench).
 */
public final class ExtraEnv {

    private ExtraEnv() {}

    public static Map<String, Map<String, String>> merge(Map<String, Map<String, String>> base, String spec) {
        Map<String, Map<String, String>> out = new HashMap<>();
        base.forEach((k, v) -> out.put(k, new HashMap<>(v)));
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String item : spec.split(",")) {
            int colon = item.indexOf(':');
            int eq = item.indexOf('=');
            if (colon <= 0 || eq < colon) {
                throw new IllegalArgumentException("--env items are module:KEY=VALUE, got " + item);
            }
            out.computeIfAbsent(item.substring(0, colon).trim(), m -> new HashMap<>())
                    .put(
                            item.substring(colon + 1, eq).trim(),
                            item.substring(eq + 1).trim());
        }
        return out;
    }
}
