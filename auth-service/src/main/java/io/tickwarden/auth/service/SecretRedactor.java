package io.tickwarden.auth.service;

import io.tickwarden.auth.config.AngelConfig;
import io.tickwarden.auth.config.KiteConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Last line of defence for text that leaves the process (logs, last_error, error pages): Kite, Angel One or a
 * transport library may echo a request (a URL with access_token=..., a checksum, a JSON body with the PIN) in an
 * error message. Known secrets are replaced verbatim, and anything that looks like a secret parameter, JSON field,
 * bearer header or JWT is masked.
 */
@Singleton
public class SecretRedactor {

    private static final Pattern SECRET_PARAMS = Pattern.compile(
            "(?i)\\b(access_token|request_token|api_secret|checksum|refresh_token|enctoken|feed_token|jwt_token"
                    + "|password|totp|pin)=[^&\\s\"']+");
    /** Angel's camelCase fields and our snake_case credential JSON: {@code "jwtToken":"..."}, {@code "pin":"..."}. */
    private static final Pattern SECRET_JSON = Pattern.compile(
            "(?i)(\"(?:jwt|jwtToken|jwt_token|refreshToken|refresh_token|feedToken|feed_token|access_token"
                    + "|password|totp|pin|totp_secret|totpSecret)\"\\s*:\\s*\")[^\"]*\"");

    private static final Pattern AUTH_HEADER = Pattern.compile("(?i)(token\\s+[^:\\s]+:)[^\\s\"']+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',]+");
    /** header.payload.signature with a JSON header: every JWT starts with {@code eyJ} ("{\""). */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*)?");

    private static final int MAX_LENGTH = 300;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    @Inject
    SecretRedactor(KiteConfig kite, AngelConfig angel) {
        this(kite.apiSecret());
        angel.pin().ifPresent(this::remember);
        angel.totpSecret().ifPresent(this::remember);
    }

    public SecretRedactor(String apiSecret) {
        remember(apiSecret);
    }

    /** Adds a value (an access, request, refresh or feed token, a JWT, a PIN, a TOTP secret) that must never be shown. */
    public void remember(String secret) {
        if (secret != null && secret.strip().length() >= 4) {
            secrets.add(secret.strip());
        }
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        out = SECRET_PARAMS.matcher(out).replaceAll("$1=***");
        out = SECRET_JSON.matcher(out).replaceAll("$1***\"");
        out = AUTH_HEADER.matcher(out).replaceAll("$1***");
        out = BEARER.matcher(out).replaceAll("$1***");
        out = JWT.matcher(out).replaceAll("***");
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "..." : out;
    }
}
