package io.tickwarden.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a {@code redis-server} executable: {@code $TICKWARDEN_REDIS_SERVER}, then {@code redis-server} on the
 * PATH, then the static build bundled in {@code org.signal:embedded-redis} (extracted once per JVM). The last
 * step is what lets the suite run on a machine that has only a JDK. Setting
 * {@code TICKWARDEN_REDIS_SERVER=bundled} skips the PATH lookup (CI uses it to prove the fallback works).
 */
public final class RedisServerBinary {

    private static final String ENV = "TICKWARDEN_REDIS_SERVER";
    private static volatile Path resolved;

    private RedisServerBinary() {}

    public static synchronized Path resolve() {
        if (resolved == null) {
            resolved = locate();
        }
        return resolved;
    }

    private static Path locate() {
        String override = System.getenv(ENV);
        if (override != null && !override.isBlank() && !"bundled".equals(override)) {
            Path path = Path.of(override);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(ENV + " points to " + path + ", which is not an executable file");
            }
            return path;
        }
        if (!"bundled".equals(override)) {
            Optional<Path> onPath = findOnPath();
            if (onPath.isPresent()) {
                return onPath.get();
            }
        }
        return extractBundled();
    }

    private static Optional<Path> findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path extractBundled() {
        String resource = "/redis-server-7.0.15-" + platform();
        try (InputStream in = RedisServerBinary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No redis-server on PATH and no bundled binary " + resource
                        + " for this platform; install redis-server or set " + ENV);
            }
            Path dir = Files.createTempDirectory("tickwarden-redis-bin");
            Path binary = dir.resolve("redis-server");
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            if (!binary.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + binary + " executable");
            }
            binary.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled redis-server", e);
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osPart = os.contains("mac") ? "darwin" : "linux";
        String archPart = switch (arch) {
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> "amd64";
        };
        return osPart + "-" + archPart;
    }
}
