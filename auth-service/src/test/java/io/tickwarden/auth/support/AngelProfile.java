package io.tickwarden.auth.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tickwarden.testing.SmartApiSimTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * BROKER=angel against smartapi-sim (its {@code angel.*} settings come from {@link SmartApiSimTestResource}). The TOTP
 * secret is read from a file, as from a mounted Kubernetes secret: tests write a wrong one into it and fix it again,
 * and auth-service reads it at every login. The refused-login retry waits 2 s instead of 35 s.
 */
public class AngelProfile implements QuarkusTestProfile {

    public static final Path TOTP_SECRET_FILE = createSecretFile();

    private static Path createSecretFile() {
        try {
            Path file = Files.createTempFile("angel-totp-secret", ".txt");
            file.toFile().deleteOnExit();
            Files.writeString(file, SmartApiSimTestResource.TOTP_SECRET + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeTotpSecret(String secret) {
        try {
            Files.writeString(TOTP_SECRET_FILE, secret + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "auth.broker", "angel",
                "angel.totp-secret-file", TOTP_SECRET_FILE.toString(),
                "auth.angel.refused-retry-delay", "2s",
                "auth.angel.backoff-initial", "500ms",
                // any session ends "within the trading day" of a pre-open: the pre-open renewal shows in a test
                "auth.angel.pre-open-horizon", "48h",
                // the periodic getProfile check would be miscounted as the test's: push it out of the test's life
                "auth.validation-interval", "6h");
    }
}
