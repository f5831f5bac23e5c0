package io.tickwarden.auth.domain;

import io.tickwarden.contracts.auth.AuthState;
import io.tickwarden.contracts.auth.StoredAccessToken;
import java.time.Instant;

/**
 * Everything auth-service knows about the token at one moment. Immutable: a change makes a new value, so a
 * reader never sees half a transition.
 *
 * @param token the stored token's metadata and ciphertext; null when none is stored
 */
public record AuthStatus(
        AuthState state,
        AuthReason reason,
        String message,
        StoredAccessToken token,
        Instant stateSince,
        Instant lastValidatedAt,
        String lastError,
        Instant lastErrorAt) {

    public static AuthStatus initial(Instant now) {
        return new AuthStatus(
                AuthState.REQUIRED,
                AuthReason.NO_TOKEN,
                "No Kite access token yet: log in",
                null,
                now,
                null,
                null,
                null);
    }

    public Long tokenVersion() {
        return token == null ? null : token.tokenVersion();
    }

    public AuthStatus moveTo(
            AuthState newState, AuthReason newReason, String newMessage, StoredAccessToken newToken, Instant at) {
        return new AuthStatus(newState, newReason, newMessage, newToken, at, lastValidatedAt, lastError, lastErrorAt);
    }

    public AuthStatus validatedAt(Instant at) {
        return new AuthStatus(state, reason, message, token, stateSince, at, null, null);
    }

    public AuthStatus withError(String error, Instant at) {
        return new AuthStatus(state, reason, message, token, stateSince, lastValidatedAt, error, at);
    }

    public AuthStatus clearErrors() {
        return new AuthStatus(state, reason, message, token, stateSince, lastValidatedAt, null, null);
    }
}
