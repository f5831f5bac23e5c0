package io.tickwarden.auth.service.angel;

import io.tickwarden.auth.config.AngelConfig;
import io.tickwarden.auth.domain.Totp;
import io.tickwarden.auth.service.SecretRedactor;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings a login needs, read when needed: a file ({@code ANGEL_PIN_FILE}, {@code ANGEL_TOTP_SECRET_FILE}, e.g.
 * a mounted Kubernetes secret) is read at every login, so a secret fixed in place is used by the next attempt
 * without a restart. What is missing is told by name, never by value.
 */
@Singleton
public class AngelSecrets {

    /** What a login sends. {@link #toString()} hides the secrets. */
    public record Login(String apiKey, String clientCode, String pin, Totp totp) {
        @Override
        public String toString() {
            return "Login[client_code=" + clientCode + ", pin=***, totp=***]";
        }
    }

    /** Either the login settings or what to fix. */
    public record Resolved(Login login, String problem) {}

    private final AngelConfig config;
    private final SecretRedactor redactor;

    AngelSecrets(AngelConfig config, SecretRedactor redactor) {
        this.config = config;
        this.redactor = redactor;
    }

    public Resolved resolve() {
        List<String> missing = new ArrayList<>();
        String apiKey = nonBlank(config.apiKey()).orElse(null);
        String clientCode = nonBlank(config.clientCode()).orElse(null);
        if (apiKey == null) {
            missing.add("ANGEL_API_KEY");
        }
        if (clientCode == null) {
            missing.add("ANGEL_CLIENT_CODE");
        }
        List<String> unreadable = new ArrayList<>();
        String pin = secret(config.pin(), config.pinFile(), "ANGEL_PIN", missing, unreadable);
        String totpSecret =
                secret(config.totpSecret(), config.totpSecretFile(), "ANGEL_TOTP_SECRET", missing, unreadable);
        Totp totp = null;
        if (totpSecret != null) {
            try {
                totp = Totp.fromBase32(totpSecret);
            } catch (IllegalArgumentException e) {
                unreadable.add("ANGEL_TOTP_SECRET is not usable: " + e.getMessage());
            }
        }
        if (missing.isEmpty() && unreadable.isEmpty()) {
            return new Resolved(new Login(apiKey, clientCode, pin, totp), null);
        }
        StringBuilder problem = new StringBuilder("BROKER=angel cannot log in to Angel One by itself:");
        if (!missing.isEmpty()) {
            problem.append(" set ")
                    .append(String.join(", ", missing))
                    .append(" (the PIN and TOTP secret may also come from ANGEL_PIN_FILE / ANGEL_TOTP_SECRET_FILE)");
        }
        if (!unreadable.isEmpty()) {
            problem.append(missing.isEmpty() ? " " : "; ").append(String.join("; ", unreadable));
        }
        return new Resolved(null, problem.toString());
    }

    private String secret(
            Optional<String> value, Optional<String> file, String name, List<String> missing, List<String> unreadable) {
        Optional<String> path = nonBlank(file);
        if (path.isPresent()) {
            try {
                String content = Files.readString(Path.of(path.get()), StandardCharsets.UTF_8)
                        .strip();
                if (content.isEmpty()) {
                    unreadable.add(name + "_FILE " + path.get() + " is empty");
                    return null;
                }
                redactor.remember(content);
                return content;
            } catch (IOException | RuntimeException e) {
                unreadable.add(name + "_FILE " + path.get() + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
                return null;
            }
        }
        Optional<String> direct = nonBlank(value);
        if (direct.isEmpty()) {
            missing.add(name);
            return null;
        }
        redactor.remember(direct.get().strip());
        return direct.get().strip();
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::strip).filter(s -> !s.isEmpty());
    }
}
