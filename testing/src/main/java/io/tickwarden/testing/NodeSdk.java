package io.tickwarden.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Angel One's official JavaScript SDK (npm {@code smartapi-javascript}, pinned by the package-lock.json in
 * smartapi-sim's {@code src/test/node}), installed with {@code npm ci} into a module's {@code target/sdk-node} once and
 * reused while the lock file is unchanged, beside that module's own scripts, and a way to run them. Used by
 * smartapi-sim's conformance test and by feed-service's decoder agreement test. {@code npm ci} takes about 35 s on our
 * 2-core machines with a warm npm cache (299 packages, 48 MB); a cold cache adds the download.
 */
public final class NodeSdk {

    /** The pinned project, from a module directory (tests run with the module as working directory). */
    public static final Path PROJECT = Path.of("../smartapi-sim/src/test/node");

    public static final Path DIR = Path.of("target/sdk-node");
    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json");

    /** What a finished process printed. */
    public record Run(int exitCode, String stdout, String stderr) {}

    private NodeSdk() {}

    /** Whether {@code command --version} runs: node and npm come from Debian's packages (see .ci/run). */
    public static boolean available(String command) {
        try {
            Process p = new ProcessBuilder(command, "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Copies the project and {@code scripts} (paths of the calling module's own scripts) into target and runs
     * {@code npm ci} unless the same lock file is installed already.
     */
    public static void install(Path... scripts) throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        Path installedLock = DIR.resolve("node_modules/.package-lock.json");
        boolean current = Files.isRegularFile(DIR.resolve("node_modules/smartapi-javascript/package.json"))
                && Files.isRegularFile(DIR.resolve("package-lock.json"))
                && Files.mismatch(DIR.resolve("package-lock.json"), PROJECT.resolve("package-lock.json")) == -1
                && Files.isRegularFile(installedLock);
        for (String file : PROJECT_FILES) {
            Files.copy(PROJECT.resolve(file), DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path script : scripts) {
            Files.copy(script, DIR.resolve(script.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        if (current) {
            return;
        }
        long start = System.nanoTime();
        Run run = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 600);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("npm ci failed (" + run.exitCode() + "):\n" + run.stdout() + run.stderr());
        }
        System.err.printf("npm ci of smartapi-javascript took %d s%n", (System.nanoTime() - start) / 1_000_000_000L);
    }

    public static Run node(String script, String argument, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(List.of("node", script, argument), timeoutSeconds);
    }

    private static Run run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("sdk-node-", ".out");
        Path err = Files.createTempFile("sdk-node-", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command))
                    .directory(DIR.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s; stderr:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Run(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
