package io.tickwarden.edge;

import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The admin-key check of every admin endpoint. The key is presented as {@code Authorization: Bearer <key>} (the
 * scheme in any case, RFC 7235) or as {@code X-Admin-Key: <key>} for setups whose proxy owns {@code Authorization};
 * {@code X-Admin-Key} wins when both are sent. Both sides are hashed to 32 bytes and compared with
 * {@link MessageDigest#isEqual}, on every call, so timing tells nothing about the key's content or length, nor
 * whether a header was sent at all. A service without a configured key refuses every admin call (403).
 */
public final class AdminKey {

    public static final String HEADER = "X-Admin-Key";
    private static final String BEARER = "Bearer";

    /** The comparison, replaceable so a test can see that every call takes it with two 32-byte digests. */
    interface Comparison {
        boolean equal(byte[] expected, byte[] presented);
    }

    private final boolean enabled;
    private final byte[] expected;
    private final Comparison comparison;

    /** @param configured the service's ADMIN_API_KEY; empty or blank disables the admin endpoints */
    public AdminKey(Optional<String> configured) {
        this(configured, MessageDigest::isEqual);
    }

    AdminKey(Optional<String> configured, Comparison comparison) {
        String key = configured.map(String::trim).orElse("");
        this.enabled = !key.isEmpty();
        // without a key, compare against random bytes so the refusal costs the same as a wrong key
        this.expected = enabled ? sha256(key) : randomDigest();
        this.comparison = comparison;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Whether the request carries the admin key, in either header form. */
    public boolean accepts(HttpHeaders headers) {
        return accepts(headers.getHeaderString(HttpHeaders.AUTHORIZATION), headers.getHeaderString(HEADER));
    }

    public boolean accepts(String authorization, String adminKeyHeader) {
        String presented = presented(authorization, adminKeyHeader);
        boolean equal = comparison.equal(expected, sha256(presented));
        return equal & enabled & !presented.isEmpty();
    }

    /**
     * Throws unless the request carries the admin key: 403 {@code admin_disabled} when the service has none, 401
     * {@code unauthorized} otherwise (the mappers add {@code WWW-Authenticate}).
     */
    public void require(HttpHeaders headers) {
        require(headers.getHeaderString(HttpHeaders.AUTHORIZATION), headers.getHeaderString(HEADER));
    }

    public void require(String authorization, String adminKeyHeader) {
        if (accepts(authorization, adminKeyHeader)) {
            return;
        }
        if (!enabled) {
            throw new ApiError(403, "admin_disabled", "admin endpoints are disabled: set ADMIN_API_KEY to enable them");
        }
        throw new ApiError(401, "unauthorized", unauthorizedMessage());
    }

    /** The one sentence telling a caller how to present the key. */
    public static String unauthorizedMessage() {
        return "missing or wrong admin key: send 'Authorization: Bearer <ADMIN_API_KEY>' or 'X-Admin-Key: <ADMIN_API_KEY>'";
    }

    /** The key as presented, "" when none: X-Admin-Key, else the credentials of a Bearer Authorization. */
    static String presented(String authorization, String adminKeyHeader) {
        if (adminKeyHeader != null && !adminKeyHeader.isBlank()) {
            return adminKeyHeader.trim();
        }
        if (authorization == null) {
            return "";
        }
        String value = authorization.trim();
        if (value.length() > BEARER.length()
                && value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && value.charAt(BEARER.length()) == ' ') {
            return value.substring(BEARER.length() + 1).trim();
        }
        return "";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] randomDigest() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
