package io.tickwarden.smartapisim.domain;

/**
 * The error codes and messages the sim answers with, in one place. Where the code is Angel's, the comment says where
 * it comes from; where Angel publishes none for the case, the sim picks one and docs/smartapi-sim.md says so.
 */
public final class AngelErrors {

    private AngelErrors() {}

    public record Code(String errorcode, String message) {}

    /** Invalid, expired or logged-out JWT (spec; Angel's documentation and SDKs). */
    public static final Code INVALID_TOKEN = new Code("AG8001", "Invalid Token");
    /** No Authorization header on a secure call (Angel's error table). */
    public static final Code TOKEN_MISSING = new Code("AG8003", "Token missing");
    /** X-PrivateKey is not the app's api key (seen from Angel's gateway). */
    public static final Code INVALID_API_KEY = new Code("AG8004", "Invalid API Key");
    /** Wrong TOTP (observed answers of loginByPassword). */
    public static final Code INVALID_TOTP = new Code("AB1050", "Invalid totp");
    /** Unknown client code or wrong PIN: Angel's error table names AB1000 for bad credentials. */
    public static final Code INVALID_CREDENTIALS = new Code("AB1000", "Invalid Email Or Password");
    /** generateTokens with an unknown or dead refresh token (Angel's error table). */
    public static final Code INVALID_REFRESH_TOKEN = new Code("AB8050", "Invalid Refresh Token");
    /** A token the quote endpoint does not know, in {@code data.unfetched[]} (Angel's error table). */
    public static final Code SYMBOL_NOT_FOUND = new Code("AB1018", "Failed to get symbol details");
    /** A malformed request body: Angel's generic "error not specified"; the message is the sim's. */
    public static final String BAD_REQUEST = "AB2000";

    /** Angel's rate-limit answer: HTTP 403 with this plain-text body, not the JSON envelope. */
    public static final String RATE_LIMIT_TEXT = "Access denied because of exceeding access rate";
}
