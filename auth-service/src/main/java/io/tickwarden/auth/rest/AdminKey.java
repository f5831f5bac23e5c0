package io.tickwarden.auth.rest;

import io.tickwarden.auth.config.AuthConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <ADMIN_API_KEY>}. Both sides are hashed first and compared with
 * {@link MessageDigest#isEqual}, so neither the content nor the length of the key leaks through timing.
 */
@Singleton
public class AdminKey {

    private final byte[] expectedDigest;

    @Inject
    AdminKey(AuthConfig config) {
        this(config.adminApiKey());
    }

    AdminKey(String adminApiKey) {
        this.expectedDigest = sha256(adminApiKey);
    }

    public boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // still do the comparison so a missing header costs the same as a wrong one
            MessageDigest.isEqual(expectedDigest, sha256(""));
            return false;
        }
        String presented = authorizationHeader.substring(7).trim();
        return MessageDigest.isEqual(expectedDigest, sha256(presented)) && !presented.isEmpty();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
