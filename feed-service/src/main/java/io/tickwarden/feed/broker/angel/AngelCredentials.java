package io.tickwarden.feed.broker.angel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.tickwarden.contracts.auth.AngelSessionCredential;

/**
 * Reads the "access token" the port hands over with BROKER=angel: the JSON of {@link AngelSessionCredential}
 * ({@code jwt}, {@code feed_token}, {@code client_code}), read as that record, that auth-service seals into
 * {@code auth:token}. Errors name the problem only: never the text, never a parser message (Jackson quotes the
 * input it choked on, which would be the JWT).
 */
final class AngelCredentials {

    /** A number or a boolean where a secret's text belongs is a broken credential, not a text to use. */
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    private static final String BEARER = "Bearer ";

    private AngelCredentials() {}

    /** The stored session cannot be used; the message holds no secret. */
    static final class UnreadableCredentialException extends Exception {
        UnreadableCredentialException(String message) {
            super(message);
        }
    }

    /**
     * @param fallbackClientCode ANGEL_CLIENT_CODE, used when the credential has no client code
     */
    static AngelSessionCredential parse(String plaintext, String fallbackClientCode)
            throws UnreadableCredentialException {
        if (plaintext == null || plaintext.isBlank()) {
            throw new UnreadableCredentialException("the stored session is empty");
        }
        AngelSessionCredential read;
        try {
            read = JSON.readValue(plaintext, AngelSessionCredential.class);
        } catch (Exception e) {
            throw new UnreadableCredentialException("the stored session is not an Angel session credential (not a "
                    + "JSON object of that record; is auth-service running with BROKER=angel?)");
        }
        String jwt = text(read.jwt());
        String feedToken = text(read.feedToken());
        String clientCode = text(read.clientCode());
        if (jwt == null) {
            throw new UnreadableCredentialException("the stored Angel session credential lacks jwt");
        }
        if (feedToken == null) {
            throw new UnreadableCredentialException("the stored Angel session credential lacks feed_token");
        }
        if (clientCode == null) {
            clientCode = fallbackClientCode == null || fallbackClientCode.isBlank() ? null : fallbackClientCode;
        }
        if (clientCode == null) {
            throw new UnreadableCredentialException(
                    "the stored Angel session credential lacks client_code and " + "ANGEL_CLIENT_CODE is not set");
        }
        // Angel's login answer has carried the JWT with its scheme; the socket wants it bare, REST adds it back.
        if (jwt.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            jwt = jwt.substring(BEARER.length()).trim();
        }
        return new AngelSessionCredential(jwt, feedToken, clientCode);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
