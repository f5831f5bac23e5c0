package io.tickwarden.contracts.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * With {@code BROKER=angel}, the plaintext sealed inside {@code auth:token}'s {@code ciphertext} is this record as
 * JSON (snake_case, example below) instead of a bare
 * Kite access token. The feed needs all three to open a SmartAPI WebSocket 2.0 and to call the quote endpoint;
 * the refresh token never leaves auth-service. Every field is a secret except {@code client_code}.
 *
 * <p>Example:
 * <pre>{@code
 * {"jwt":"eyJhbGciOiJIUzUxMiJ9.e30.c2ln","feed_token":"eyJhbGciOiJIUzUxMiJ9.e30.ZmVlZA","client_code":"S100001"}
 * }</pre>
 *
 * @param jwt        the session JWT, sent as {@code Authorization: Bearer} on REST and as the socket's
 *                   {@code Authorization} header
 * @param feedToken  the feed token, the socket's {@code x-feed-token}
 * @param clientCode the Angel One client code the session belongs to
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AngelSessionCredential(String jwt, String feedToken, String clientCode) {

    @Override
    public String toString() {
        return "AngelSessionCredential[client_code=" + clientCode + ", jwt=***, feed_token=***]";
    }
}
