package io.tickwarden.feed.redis;

import java.util.Optional;

/**
 * Where the feed gets the broker session: a Kite access token, or with BROKER=angel the JSON of
 * {@code AngelSessionCredential} (the adapter parses it). Production reads auth-service's sealed
 * {@code auth:token}; tests seed Redis the way auth-service does (same cipher, same record) rather than replacing this.
 */
public interface TokenSource {

    /** The current token, or empty when none is stored. */
    Optional<AccessToken> current() throws TokenUnavailableException;

    /** An access token and its version. {@link #toString()} never shows the token. */
    record AccessToken(String value, long version) {
        @Override
        public String toString() {
            return "AccessToken[version=" + version + "]";
        }
    }

    /** The stored token cannot be used; the message is safe to log and show (no token, no key). */
    final class TokenUnavailableException extends Exception {
        public TokenUnavailableException(String message) {
            super(message);
        }
    }
}
