package io.tickwarden.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The JSON types of the {@code contracts} module: every record and enum under {@code io.tickwarden.contracts},
 * nested ones included. These are the payloads that cross Redis, so every service must register them for
 * reflection (a native image's Jackson sees only registered types); tests compare this set with a registration.
 */
public final class ContractTypes {

    public static final String PACKAGE = "io.tickwarden.contracts";
    /** A class every contracts jar has; it locates the jar or classes directory on a classpath. */
    public static final String ANCHOR = PACKAGE + ".ContractsReflection";

    private ContractTypes() {}

    /** The JSON types of the contracts found on the caller's classpath (the jar or directory holding ANCHOR). */
    public static SortedSet<String> onClasspath() {
        try {
            Class<?> anchor =
                    Class.forName(ANCHOR, false, Thread.currentThread().getContextClassLoader());
            return in(Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("contracts are not on the classpath", e);
        }
    }

    /**
     * The JSON types of the contracts in a jar or classes directory, by binary name (e.g.
     * {@code io.tickwarden.contracts.gateway.GatewayMessages$Heartbeat}). Classes are loaded, not initialised, in
     * a loader of their own, so the jar of a native build's classpath can be read as it is.
     */
    public static SortedSet<String> in(Path jarOrDirectory) {
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jarOrDirectory.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            SortedSet<String> types = new TreeSet<>();
            for (String name : classNames(jarOrDirectory)) {
                Class<?> type = Class.forName(name, false, loader);
                if ((type.isRecord() || type.isEnum()) && !type.isAnonymousClass() && !type.isSynthetic()) {
                    types.add(name);
                }
            }
            if (!types.contains(PACKAGE + ".feed.FeedTickBatch")) {
                throw new IllegalStateException("no contracts found in " + jarOrDirectory + ": " + types);
            }
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SortedSet<String> classNames(Path jarOrDirectory) throws IOException {
        if (Files.isDirectory(jarOrDirectory)) {
            return inPackage(jarOrDirectory);
        }
        try (FileSystem jar = FileSystems.newFileSystem(jarOrDirectory)) {
            return inPackage(jar.getPath("/"));
        }
    }

    private static SortedSet<String> inPackage(Path root) throws IOException {
        Path packageDir = root.resolve(PACKAGE.replace('.', '/'));
        SortedSet<String> names = new TreeSet<>();
        if (!Files.isDirectory(packageDir)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(packageDir)) {
            files.map(p -> root.relativize(p).toString())
                    .filter(p -> p.endsWith(".class")
                            && !p.endsWith("module-info.class")
                            && !p.endsWith("package-info.class"))
                    .forEach(p -> names.add(
                            p.substring(0, p.length() - ".class".length()).replace('/', '.')));
        }
        return names;
    }
}
