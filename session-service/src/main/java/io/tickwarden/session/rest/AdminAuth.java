package io.tickwarden.session.rest;

import io.tickwarden.session.config.SessionConfig;
import io.tickwarden.session.service.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks {@code Authorization: Bearer <ADMIN_API_KEY>} in constant time (hashes first, so length leaks nothing). */
@ApplicationScoped
public class AdminAuth {

    private final byte[] expected;

    public AdminAuth(SessionConfig config) {
        this.expected = sha256(config.adminApiKey());
    }

    public void require(String authorization) {
        String prefix = "Bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new ApiException(401, "unauthorized", "admin endpoint: send 'Authorization: Bearer <ADMIN_API_KEY>'");
        }
        byte[] given = sha256(authorization.substring(prefix.length()).trim());
        if (!MessageDigest.isEqual(expected, given)) {
            throw new ApiException(401, "unauthorized", "admin key rejected");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
