package io.tickwarden.bench.scenario;

import io.tickwarden.bench.BenchArgs;
import io.tickwarden.testing.QuarkusAppProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * One configuration the startup scenario measures: where the packaged apps are ({@code <apps>/<module>/quarkus-run.jar},
 * or each module's {@code target/quarkus-app} when {@code apps} is null) and the JVM flags they start with.
 * {@code --variants before,after} with {@code --before-apps DIR --before-jvm "-Xmx256m"} and so on; a variant with no
 * {@code --<name>-apps} uses the snapshot {@code bench/target/startup-apps/<name>} when there is one.
 */
public record StartupVariant(String name, Path apps, List<String> jvmArgs, boolean train) {

    /** What demo.sh, the Dockerfiles and the bench's cluster have always started the apps with. */
    public static final String DEFAULT_JVM = "-Xmx256m";

    static final Path SNAPSHOTS = Path.of("bench/target/startup-apps");

    static StartupVariant from(String name, BenchArgs args) {
        String apps = args.string(name + "-apps", null);
        Path dir = apps != null
                ? Path.of(apps)
                : Files.isDirectory(SNAPSHOTS.resolve(name)) ? SNAPSHOTS.resolve(name) : null;
        String jvm = args.string(name + "-jvm", DEFAULT_JVM);
        boolean train = Boolean.parseBoolean(args.string(name + "-train", "false"));
        return new StartupVariant(name, dir == null ? null : dir.toAbsolutePath(), split(jvm), train);
    }

    static List<String> split(String flags) {
        return Arrays.stream(flags.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** The app directory of {@code module} (the one holding quarkus-run.jar); the JVM runs there. */
    Path appDir(String module) {
        Path jar = apps == null
                ? QuarkusAppProcess.findJar(module)
                        .orElseThrow(() -> new IllegalStateException("no packaged " + module + "; build it first"))
                : apps.resolve(module).resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("variant " + name + ": no " + jar);
        }
        return jar.getParent().toAbsolutePath();
    }

    String describe() {
        return String.join(" ", jvmArgs) + "  (apps: " + (apps == null ? "<module>/target/quarkus-app" : apps) + ")"
                + (train ? "; AOT cache recorded by one full start of the app first (-XX:AOTCacheOutput)" : "");
    }

    /**
     * The flags of the start that records the cache ({@code --<name>-train true}): this variant's flags with
     * {@code -XX:AOTCache=F} turned into {@code -XX:AOTCacheOutput=F}, so the timed starts then read what a full
     * start to ready loaded, not only what Quarkus's short build-time start did.
     */
    List<String> trainingArgs() {
        String use = "-XX:AOTCache=";
        if (jvmArgs.stream().noneMatch(a -> a.startsWith(use))) {
            throw new IllegalStateException(
                    "variant " + name + ": --" + name + "-train needs " + use + "<file> in its flags");
        }
        return jvmArgs.stream()
                .map(a -> a.startsWith(use) ? "-XX:AOTCacheOutput=" + a.substring(use.length()) : a)
                .toList();
    }

    /**
     * Copies every module's {@code target/quarkus-app} to {@code bench/target/startup-apps/<name>/<module>}, so a
     * "before" build survives the "after" build ({@code bench/run.sh startup --snapshot before}).
     */
    static Path snapshot(String name, List<String> modules) {
        Path root = SNAPSHOTS.resolve(name).toAbsolutePath();
        for (String m : modules) {
            Path src = QuarkusAppProcess.findJar(m)
                    .orElseThrow(() -> new IllegalStateException("no packaged " + m + "; build it first"))
                    .getParent();
            Path dst = root.resolve(m);
            try {
                deleteTree(dst);
                try (var files = Files.walk(src)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Path target = dst.resolve(src.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(
                                    f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + src, e);
            }
        }
        return root;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
