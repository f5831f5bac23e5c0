package io.tickwarden.auth.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the {@code exp} claim (seconds since the epoch) of a JWT without verifying it: Angel One signs its JWTs,
 * and we only need to know when it will stop accepting one. Angel's JWT lifetime changed over the years (05:00
 * the next morning, then 24-28 hours), so the session lives as long as its {@code exp} says, not a fixed span.
 */
public final class JwtExpiry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtExpiry() {}

    /** @return the {@code exp} instant, or empty when the token is not a JWT or carries no numeric {@code exp} */
    public static Optional<Instant> expiresAt(String jwt) {
        return claim(jwt, "exp");
    }

    /** @return the {@code iat} instant when present */
    public static Optional<Instant> issuedAt(String jwt) {
        return claim(jwt, "iat");
    }

    private static Optional<Instant> claim(String jwt, String name) {
        if (jwt == null) {
            return Optional.empty();
        }
        String[] parts = jwt.trim().split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(stripPadding(parts[1]));
            JsonNode claims = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
            JsonNode value = claims == null ? null : claims.get(name);
            if (value == null || !value.isNumber()) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochSecond(value.asLong()));
        } catch (RuntimeException | java.io.IOException e) {
            // never echo the token: the caller only learns that there is no usable exp
            return Optional.empty();
        }
    }

    private static String stripPadding(String part) {
        int end = part.length();
        while (end > 0 && part.charAt(end - 1) == '=') {
            end--;
        }
        return part.substring(0, end);
    }
}
