package io.tickwarden.auth.service;

import io.tickwarden.auth.config.KiteConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Last line of defence for text that leaves the process (logs, last_error, error pages): Kite or a transport
 * library may echo a request (a URL with access_token=..., a checksum) in an error message. Known secrets are
 * replaced verbatim, and anything that looks like a secret query or form parameter is masked.
 */
@Singleton
public class SecretRedactor {

    private static final Pattern SECRET_PARAMS = Pattern.compile(
            "(?i)(access_token|request_token|api_secret|checksum|refresh_token|enctoken)=[^&\\s\"']+");
    private static final Pattern AUTH_HEADER = Pattern.compile("(?i)(token\\s+[^:\\s]+:)[^\\s\"']+");
    private static final int MAX_LENGTH = 300;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    @Inject
    SecretRedactor(KiteConfig kite) {
        this(kite.apiSecret());
    }

    SecretRedactor(String apiSecret) {
        remember(apiSecret);
    }

    /** Adds a value (an access or request token) that must never be shown. */
    public void remember(String secret) {
        if (secret != null && secret.length() >= 4) {
            secrets.add(secret);
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
        out = AUTH_HEADER.matcher(out).replaceAll("$1***");
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "..." : out;
    }
}
