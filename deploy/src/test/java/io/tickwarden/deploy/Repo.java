package io.tickwarden.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (the deploy module's parent) and file helpers. */
final class Repo {

    static final Path ROOT = findRoot();

    private Repo() {}

    private static Path findRoot() {
        String prop = System.getProperty("tickwarden.root");
        Path candidate = prop != null && !prop.isBlank()
                ? Path.of(prop)
                : Path.of("").toAbsolutePath().getParent();
        candidate = candidate.toAbsolutePath().normalize();
        if (!Files.isDirectory(candidate.resolve("k8s")) && Files.isDirectory(candidate.resolve("../k8s"))) {
            candidate = candidate.resolve("..").normalize();
        }
        if (!Files.isRegularFile(candidate.resolve("pom.xml")) || !Files.isDirectory(candidate.resolve("deploy"))) {
            throw new IllegalStateException("cannot find the repository root (tried " + candidate + ")");
        }
        return candidate;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        return read(path(relative));
    }
}
