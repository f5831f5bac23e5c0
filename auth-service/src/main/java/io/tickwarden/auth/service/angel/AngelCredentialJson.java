package io.tickwarden.auth.service.angel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.tickwarden.contracts.auth.AngelSessionCredential;

/**
 * The sealed plaintext of {@code auth:token} with BROKER=angel: {@link AngelSessionCredential} as snake_case JSON
 * ({@code jwt}, {@code feed_token}, {@code client_code}), written with its own mapper so that the app's JSON
 * settings cannot change the contract. Errors never include the text (it holds the JWT).
 */
public final class AngelCredentialJson {

    private static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private AngelCredentialJson() {}

    public static String write(AngelSessionCredential credential) {
        try {
            return JSON.writeValueAsString(credential);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Angel One session credential");
        }
    }

    /** @throws IllegalArgumentException when the text is not such a credential (e.g. a Kite token stored earlier) */
    public static AngelSessionCredential read(String plaintext) {
        try {
            AngelSessionCredential credential = JSON.readValue(plaintext, AngelSessionCredential.class);
            if (credential == null
                    || credential.jwt() == null
                    || credential.jwt().isBlank()) {
                throw new IllegalArgumentException("the stored token is not an Angel One session credential");
            }
            return credential;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stored token is not an Angel One session credential");
        }
    }
}
