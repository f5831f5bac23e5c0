package io.tickwarden.gateway.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickwarden.testing.NodeSdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The JavaScript client ({@code clients/js}) copied into {@code target/js-client}, its pinned dependencies installed
 * with {@code npm ci} from the committed lock file (once, while the lock file is unchanged: {@code ws} only, a second
 * or two), and {@code node --test} run on its test files. Tests run with the gateway module as working directory.
 */
public final class JsClientProject {

    static final Path SOURCE = Path.of("../clients/js");
    static final Path DIR = Path.of("target/js-client");

    /** What a finished {@code node --test} printed (TAP). */
    public record Run(int exitCode, String output) {}

    private JsClientProject() {}

    /** Skips the calling test, loudly, without Debian's nodejs and npm; else copies and installs the client. */
    public static void installOrSkip(String test) throws IOException, InterruptedException {
        boolean node = NodeSdk.available("node");
        boolean npm = NodeSdk.available("npm");
        if (!node || !npm) {
            System.err.println("\n*** " + test + " SKIPPED: " + (node ? "" : "node ") + (npm ? "" : "npm ")
                    + "not found. Install Debian's nodejs and npm (apt-get install nodejs npm) to test the JavaScript "
                    + "client (clients/js). ***\n");
        }
        assumeTrue(node && npm, "skipped: install Debian's nodejs and npm to test clients/js");
        install();
    }

    private static void install() throws IOException, InterruptedException {
        boolean current = Files.isRegularFile(DIR.resolve("node_modules/.package-lock.json"))
                && Files.isRegularFile(DIR.resolve("package-lock.json"))
                && Files.mismatch(DIR.resolve("package-lock.json"), SOURCE.resolve("package-lock.json")) == -1;
        Files.createDirectories(DIR);
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(SOURCE.resolve(file), DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        for (String folder : List.of("src", "test")) {
            Files.createDirectories(DIR.resolve(folder));
            try (Stream<Path> files = Files.list(SOURCE.resolve(folder))) {
                for (Path f : files.toList()) {
                    Files.copy(f, DIR.resolve(folder).resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (current) {
            return;
        }
        Run run = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), 600);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("npm ci of clients/js failed (" + run.exitCode() + "):\n" + run.output());
        }
    }

    /** {@code node --test} on the given test files (relative to clients/js), with extra environment variables. */
    public static Run test(List<String> files, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=tap"));
        command.addAll(files);
        return run(command, env, timeoutSeconds);
    }

    private static Run run(List<String> command, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("js-client-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
