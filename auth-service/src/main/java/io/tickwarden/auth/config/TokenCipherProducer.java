package io.tickwarden.auth.config;

import io.tickwarden.kite.TokenCipher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The cipher of the stored token; a missing or malformed TOKEN_ENCRYPTION_KEY fails start-up with a clear message. */
public class TokenCipherProducer {

    @Produces
    @Singleton
    TokenCipher tokenCipher(AuthConfig config) {
        try {
            return TokenCipher.fromBase64Key(config.tokenEncryptionKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + ". Generate one with: openssl rand -base64 32", e);
        }
    }
}
