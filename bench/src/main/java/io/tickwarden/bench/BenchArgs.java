package io.tickwarden.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code <scenario> --name value ...} with typed getters; unknown options are kept so scenarios can share them. */
public final class BenchArgs {

    private final String scenario;
    private final Map<String, String> options;

    private BenchArgs(String scenario, Map<String, String> options) {
        this.scenario = scenario;
        this.options = options;
    }

    public static BenchArgs parse(String[] args) {
        if (args.length == 0) {
            return new BenchArgs("help", Map.of());
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + a);
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq > 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return new BenchArgs(args[0], options);
    }

    public static BenchArgs of(String scenario, Map<String, String> options) {
        return new BenchArgs(scenario, new HashMap<>(options));
    }

    public String scenario() {
        return scenario;
    }

    public String string(String name, String dflt) {
        return options.getOrDefault(name, dflt);
    }

    public int integer(String name, int dflt) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : dflt;
    }

    public double decimal(String name, double dflt) {
        return options.containsKey(name) ? Double.parseDouble(options.get(name)) : dflt;
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(options.getOrDefault(name, "false"));
    }

    public Duration duration(String name, Duration dflt) {
        return options.containsKey(name) ? parseDuration(options.get(name)) : dflt;
    }

    public List<Integer> integers(String name, List<Integer> dflt) {
        if (!options.containsKey(name)) {
            return dflt;
        }
        List<Integer> out = new ArrayList<>();
        for (String s : options.get(name).split(",")) {
            out.add(Integer.parseInt(s.trim()));
        }
        return out;
    }

    public Path path(String name, Path dflt) {
        return options.containsKey(name) ? Path.of(options.get(name)) : dflt;
    }

    /** {@code 500ms}, {@code 60s}, {@code 10m}, {@code 1h}, or ISO-8601 ({@code PT60S}). */
    public static Duration parseDuration(String s) {
        String v = s.trim().toLowerCase();
        if (v.startsWith("pt")) {
            return Duration.parse(s.trim());
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofSeconds(Long.parseLong(v));
        };
    }
}
