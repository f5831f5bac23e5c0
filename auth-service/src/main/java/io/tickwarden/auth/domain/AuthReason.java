package io.tickwarden.auth.domain;

/** Machine-readable cause of a state; published as {@code reason}. */
public enum AuthReason {
    /** No token has ever been stored (or Redis lost it). */
    NO_TOKEN,
    /** The stored token cannot be decrypted (TOKEN_ENCRYPTION_KEY changed?). */
    TOKEN_UNREADABLE,
    /** Token exchange succeeded; the token is being stored. */
    TOKEN_GRANTED,
    /** A human logged in through Kite. */
    LOGIN,
    /** An operator installed a token with PUT /api/auth/token. */
    ADMIN_TOKEN,
    /** The state was read back from Redis at start-up. */
    RESTORED,
    /** Kite accepted the token again after the state said otherwise. */
    TOKEN_ACCEPTED,
    /** 06:00 IST passed: Kite tokens die then. Decided from the clock, without a Kite call. */
    DAILY_EXPIRY,
    /** Kite answered TokenException during validation. */
    TOKEN_REJECTED,
    /** A token user (feed-service) reported a rejection and Kite confirmed it. */
    FEED_REPORTED_REJECTION,
    /** DELETE /api/auth/token. */
    LOGGED_OUT,
    /** BROKER=angel: auth-service logged in to Angel One by itself (client code, PIN, TOTP). */
    AUTO_LOGIN,
    /** BROKER=angel: the session was renewed with generateTokens. */
    SESSION_REFRESHED,
    /** BROKER=angel: the JWT reached its {@code exp}, decided from the clock. */
    SESSION_EXPIRED,
    /** BROKER=angel: Angel refused the PIN/TOTP twice in a row; automatic login stopped until an operator resumes. */
    LOGIN_REFUSED,
    /** BROKER=angel: a required setting (api key, client code, PIN, TOTP secret) is missing or unreadable. */
    CREDENTIALS_MISSING
}
