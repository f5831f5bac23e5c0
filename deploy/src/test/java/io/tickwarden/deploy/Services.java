package io.tickwarden.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What each service really serves and reads, derived from its sources: the HTTP port from
 * {@code application.properties}, and the environment variables it reads (every {@code ${VAR}} in
 * application.properties, every property key there, every {@code @ConfigMapping} and {@code @ConfigProperty} name in
 * {@code src/main/java}, each in SmallRye's environment form, plus the few Quarkus settings the deployment files set).
 */
final class Services {

    /**
     * The services built natively by .ci/run's native-sources step (module name = container/Deployment name).
     * smartapi-sim is not one of them (yet): see {@link #IMAGES}.
     */
    static final List<String> ALL = List.of("kite-sim", "session-service", "auth-service", "feed-service", "gateway");
    /** Every module with container images and deployment files: {@link #ALL} plus smartapi-sim (Angel One's sim). */
    static final List<String> IMAGES =
            List.of("kite-sim", "smartapi-sim", "session-service", "auth-service", "feed-service", "gateway");
    /** The simulators: dev/demo only, each bound to 127.0.0.1 unless this variable says otherwise. */
    static final Map<String, String> SIM_HOST_VARIABLE =
            Map.of("kite-sim", "KITE_SIM_HOST", "smartapi-sim", "SMARTAPI_SIM_HOST");
    /** The four services of the system proper (kite-sim is dev/demo only). */
    static final List<String> APPS = List.of("session-service", "auth-service", "feed-service", "gateway");

    /** The contract's /q/health endpoints. */
    static final String STARTED = "/q/health/started";

    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";

    /** Quarkus runtime settings the deployment files may set, per required extension ("" = core). */
    private static final Map<String, String> QUARKUS_SETTINGS = Map.of(
            "QUARKUS_HTTP_PORT", "",
            "QUARKUS_HTTP_HOST", "",
            "QUARKUS_SHUTDOWN_TIMEOUT", "",
            "QUARKUS_LOG_LEVEL", "",
            "QUARKUS_REDIS_CLIENT_TYPE", "quarkus-redis-client",
            "QUARKUS_REDIS_MASTER_NAME", "quarkus-redis-client");

    /** Read by the container images' run-java.sh, not by the app. */
    private static final Set<String> IMAGE_SETTINGS = Set.of("JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "JAVA_OPTS");

    private static final Map<String, Properties> PROPS = new HashMap<>();
    private static final Map<String, Set<String>> ENV = new HashMap<>();

    private Services() {}

    static Properties properties(String service) {
        return PROPS.computeIfAbsent(service, s -> {
            Properties p = new Properties();
            try {
                p.load(new StringReader(Repo.read(s + "/src/main/resources/application.properties")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        });
    }

    /** {@code quarkus.http.port} of the service (prod profile: the value without a profile prefix). */
    static int port(String service) {
        String raw = properties(service).getProperty("quarkus.http.port");
        if (raw == null) {
            throw new AssertionError(service + ": no quarkus.http.port in application.properties");
        }
        Matcher m = Pattern.compile("^\\$\\{[A-Z_]+:(\\d+)}$").matcher(raw.trim());
        return Integer.parseInt(m.matches() ? m.group(1) : raw.trim());
    }

    /**
     * The {@code @WithDefault} of a method of a module's {@code @ConfigMapping} interface, e.g. smartapi-sim's demo
     * account ({@code SimConfig.pin()} -> "1111"), so deployment files can be checked against the app's own value.
     */
    static String mappingDefault(String module, String relativeSource, String method) {
        String src = Repo.read(module + "/src/main/java/" + relativeSource);
        Matcher m = Pattern.compile("@WithDefault\\(\"([^\"]*)\"\\)\\s*\\w+\\s+" + Pattern.quote(method) + "\\(\\)")
                .matcher(src);
        if (!m.find()) {
            throw new AssertionError(module + ": no @WithDefault on " + method + "() in " + relativeSource);
        }
        return m.group(1);
    }

    /** smartapi-sim's built-in demo account, from its SimConfig. */
    static String smartApiSimDefault(String method) {
        return mappingDefault("smartapi-sim", "io/tickwarden/smartapisim/config/SimConfig.java", method);
    }

    /** SmallRye's environment-variable form of a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Every environment variable name the service reads (see the class comment). */
    static Set<String> envRead(String service) {
        return ENV.computeIfAbsent(service, Services::deriveEnv);
    }

    private static Set<String> deriveEnv(String service) {
        Set<String> names = new TreeSet<>();
        String text = Repo.read(service + "/src/main/resources/application.properties");
        Matcher ref = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(text);
        while (ref.find()) {
            names.add(ref.group(1));
        }
        for (String key : properties(service).stringPropertyNames()) {
            if (!key.startsWith("%")) {
                names.add(envName(key));
            }
        }
        Path java = Repo.path(service + "/src/main/java");
        if (Files.isDirectory(java)) {
            try (Stream<Path> files = Files.walk(java)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    String src = Repo.read(f);
                    configMappingProperties(src).forEach(p -> names.add(envName(p)));
                    Matcher cp = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"")
                            .matcher(src);
                    while (cp.find()) {
                        names.add(envName(cp.group(1)));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String pom = Repo.read(service + "/pom.xml");
        QUARKUS_SETTINGS.forEach((name, extension) -> {
            if (extension.isEmpty() || pom.contains("<artifactId>" + extension + "</artifactId>")) {
                names.add(name);
            }
        });
        names.addAll(IMAGE_SETTINGS);
        return names;
    }

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern METHOD =
            Pattern.compile("(?:@WithName\\(\"([^\"]+)\"\\)\\s*)?([\\w.<>,\\s\\[\\]?]+?)\\s+(\\w+)\\(\\s*\\)\\s*;");

    /**
     * Property names of a {@code @ConfigMapping} interface: prefix + kebab-case method names, recursing into nested
     * group interfaces declared in the same file. A light parser, enough for this project's config interfaces.
     */
    static Set<String> configMappingProperties(String source) {
        Set<String> out = new TreeSet<>();
        Matcher mm = MAPPING.matcher(source);
        if (!mm.find()) {
            return out;
        }
        String prefix = mm.group(1);
        Map<String, String> bodies = interfaceBodies(source);
        Matcher top = INTERFACE.matcher(source);
        if (!top.find(mm.end())) {
            return out;
        }
        expand(top.group(1), prefix, bodies, out, 0);
        return out;
    }

    private static void expand(String iface, String prefix, Map<String, String> bodies, Set<String> out, int depth) {
        String body = bodies.get(iface);
        if (body == null || depth > 5) {
            return;
        }
        Matcher m = METHOD.matcher(body);
        while (m.find()) {
            String type = m.group(2).trim();
            type = type.substring(type.lastIndexOf(' ') + 1);
            String name = m.group(1) != null ? m.group(1) : kebab(m.group(3));
            String full = prefix + "." + name;
            if (bodies.containsKey(type)) {
                expand(type, full, bodies, out, depth + 1);
            } else {
                out.add(full);
            }
        }
    }

    /** interface name -> its own body, with nested interface bodies cut out. */
    private static Map<String, String> interfaceBodies(String source) {
        // Order matters: comments, then string literals (a URL default holds "//"), then annotations.
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("\"(?:[^\"\\\\\n]|\\\\.)*\"", "\"\"")
                .replaceAll("//[^\n]*", " ")
                .replaceAll("@\\w+\\([^)]*\\)", " ")
                .replaceAll("@\\w+", " ");
        Map<String, String> bodies = new HashMap<>();
        Matcher m = INTERFACE.matcher(code);
        while (m.find()) {
            int start = m.end();
            int depth = 1;
            int i = start;
            StringBuilder own = new StringBuilder();
            while (i < code.length() && depth > 0) {
                char c = code.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
                if (depth == 1 && c != '}') {
                    own.append(c);
                } else if (depth == 1) {
                    own.append(';');
                }
                i++;
            }
            // Drop the header text of nested interfaces ("interface Lease ;") left in the outer body.
            bodies.put(m.group(1), own.toString().replaceAll("\\binterface\\s+\\w+[^;{]*;", ";"));
        }
        return bodies;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
