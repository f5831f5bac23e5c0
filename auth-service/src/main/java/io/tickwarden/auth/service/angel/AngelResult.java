package io.tickwarden.auth.service.angel;

/**
 * Outcome of one Angel One REST call, as plain values (no exception crosses this boundary). Every message is
 * already redacted: safe for logs, {@code last_error} and the state's message.
 */
public sealed interface AngelResult<T> {

    record Ok<T>(T value) implements AngelResult<T> {}

    /** loginByPassword refused the client code, PIN, TOTP or api key: retrying with the same secrets is futile. */
    record CredentialsRefused<T>(String message) implements AngelResult<T> {}

    /** The JWT or the refresh token is invalid or expired ({@code AG8001} and friends): a new login is needed. */
    record TokenRejected<T>(String message) implements AngelResult<T> {}

    /** HTTP 429 or Angel's "exceeding access rate": back off. */
    record RateLimited<T>(String message) implements AngelResult<T> {}

    /** Unreachable, timeout, 5xx, Angel's "try after sometime" codes or an unexpected answer: back off, try again. */
    record Unavailable<T>(String message) implements AngelResult<T> {}

    /** The login's tokens; all three are secrets. */
    record Tokens(String jwt, String refreshToken, String feedToken) {
        @Override
        public String toString() {
            return "Tokens[***]";
        }
    }

    record Profile(String clientCode, String name) {}
}
