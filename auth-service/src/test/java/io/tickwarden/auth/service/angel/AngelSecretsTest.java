package io.tickwarden.auth.service.angel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.auth.config.AngelConfig;
import io.tickwarden.auth.service.SecretRedactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the PIN and TOTP secret come from, and what is said when one is missing (by name, never by value). */
class AngelSecretsTest {

    private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @TempDir
    Path dir;

    private record Config(String key, String code, String pinValue, String pinPath, String secret, String secretPath)
            implements AngelConfig {
        @Override
        public String apiUrl() {
            return "http://localhost:8091";
        }

        @Override
        public Optional<String> apiKey() {
            return Optional.ofNullable(key);
        }

        @Override
        public Optional<String> clientCode() {
            return Optional.ofNullable(code);
        }

        @Override
        public Optional<String> pin() {
            return Optional.ofNullable(pinValue);
        }

        @Override
        public Optional<String> pinFile() {
            return Optional.ofNullable(pinPath);
        }

        @Override
        public Optional<String> totpSecret() {
            return Optional.ofNullable(secret);
        }

        @Override
        public Optional<String> totpSecretFile() {
            return Optional.ofNullable(secretPath);
        }

        @Override
        public Optional<String> clientLocalIp() {
            return Optional.empty();
        }

        @Override
        public Optional<String> clientPublicIp() {
            return Optional.empty();
        }

        @Override
        public Optional<String> macAddress() {
            return Optional.empty();
        }

        @Override
        public String wsUrl() {
            return "ws://localhost:8091/smart-stream";
        }

        @Override
        public String instrumentsUrl() {
            return "http://localhost:8091/x";
        }
    }

    private static AngelSecrets secrets(Config config, SecretRedactor redactor) {
        return new AngelSecrets(config, redactor);
    }

    @Test
    void fromTheEnvironment() {
        AngelSecrets.Resolved r = secrets(
                        new Config("k", "S100001", "1111", null, SECRET, null), new SecretRedactor("x"))
                .resolve();
        assertNull(r.problem());
        assertEquals("1111", r.login().pin());
        assertEquals("755224", r.login().totp().code(Instant.ofEpochSecond(0)), "RFC 4226 HOTP(0) of the seed");
        assertFalse(r.login().toString().contains("1111"));
    }

    @Test
    void filesWinAndAreReadAtEveryResolve() throws Exception {
        Path pin = Files.writeString(dir.resolve("pin"), "4821\n");
        Path totp = Files.writeString(dir.resolve("totp"), "JBSWY3DPEHPK3PXP\n");
        SecretRedactor redactor = new SecretRedactor("x");
        AngelSecrets secrets =
                secrets(new Config("k", "S100001", "1111", pin.toString(), SECRET, totp.toString()), redactor);
        assertEquals("4821", secrets.resolve().login().pin());
        assertEquals("*** ***", redactor.redact("4821 JBSWY3DPEHPK3PXP"), "values read from files are redacted");

        Files.writeString(pin, "5932");
        assertEquals("5932", secrets.resolve().login().pin(), "a fixed secret is used without a restart");
    }

    @Test
    void missingSettingsAreNamed() {
        String problem = secrets(new Config(null, " ", null, null, null, null), new SecretRedactor("x"))
                .resolve()
                .problem();
        assertNotNull(problem);
        for (String name : new String[] {"ANGEL_API_KEY", "ANGEL_CLIENT_CODE", "ANGEL_PIN", "ANGEL_TOTP_SECRET"}) {
            assertTrue(problem.contains(name), problem);
        }
    }

    @Test
    void unreadableOrBadSecretsAreNamedNotShown() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "  \n");
        AngelSecrets.Resolved r = secrets(
                        new Config("k", "S100001", null, dir.resolve("absent").toString(), "NOT-BASE32!", null),
                        new SecretRedactor("x"))
                .resolve();
        assertNull(r.login());
        assertTrue(r.problem().contains("ANGEL_PIN_FILE " + dir.resolve("absent") + " cannot be read"), r.problem());
        assertTrue(r.problem().contains("ANGEL_TOTP_SECRET is not usable"), r.problem());
        assertFalse(r.problem().contains("NOT-BASE32"), r.problem());

        String emptyFile = secrets(
                        new Config("k", "S100001", "1111", null, null, empty.toString()), new SecretRedactor("x"))
                .resolve()
                .problem();
        assertTrue(emptyFile.contains("ANGEL_TOTP_SECRET_FILE " + empty + " is empty"), emptyFile);
    }
}
