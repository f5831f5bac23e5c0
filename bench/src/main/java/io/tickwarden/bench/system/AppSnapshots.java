package io.tickwarden.bench.system;

import io.tickwarden.testing.QuarkusAppProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Private copies of {@code <module>/target/quarkus-app}, one per module, taken on first use: a rebuild of a module
 * during a run (restarts in the soak happen minutes after the start) must not pull the jar from under the bench.
 */
final class AppSnapshots {

    private final Path dir;
    private final Map<String, Path> jars = new HashMap<>();

    AppSnapshots(Path dir) {
        this.dir = dir;
    }

    synchronized Path jar(String module) {
        return jars.computeIfAbsent(module, m -> {
            Path jar = QuarkusAppProcess.findJar(m).orElse(null);
            if (jar == null) {
                throw new IllegalStateException("no packaged " + m + "; build it first");
            }
            Path src = jar.getParent();
            Path dst = dir.resolve(m);
            try (var files = Files.walk(src)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path target = dst.resolve(src.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + src, e);
            }
            return dst.resolve("quarkus-run.jar");
        });
    }
}
