package io.tickwarden.auth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtExpiryTest {

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String jwt(String payload) {
        return part("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + "." + part(payload) + ".c2lnbmF0dXJl";
    }

    @Test
    void expAndIatAreRead() {
        String token = jwt("{\"username\":\"S100001\",\"iat\":1764640000,\"exp\":1764726400}");
        assertEquals(Optional.of(Instant.ofEpochSecond(1_764_726_400)), JwtExpiry.expiresAt(token));
        assertEquals(Optional.of(Instant.ofEpochSecond(1_764_640_000)), JwtExpiry.issuedAt(token));
    }

    @Test
    void paddedPayloadsAndUrlSafeCharactersDecode() {
        // a payload whose base64 needs '-'/'_' and padding
        String payload = "{\"exp\":1764726400,\"x\":\"??>>\"}";
        String padded = part("{}") + "."
                + Base64.getUrlEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".s";
        assertEquals(Optional.of(Instant.ofEpochSecond(1_764_726_400)), JwtExpiry.expiresAt(padded));
    }

    @Test
    void noExpMeansUnknownNotAGuess() {
        assertEquals(Optional.empty(), JwtExpiry.expiresAt(jwt("{\"iat\":1764640000}")));
        assertEquals(Optional.empty(), JwtExpiry.expiresAt(jwt("{\"exp\":\"tomorrow\"}")));
        assertEquals(Optional.empty(), JwtExpiry.expiresAt("not-a-jwt"));
        assertEquals(Optional.empty(), JwtExpiry.expiresAt("a.%%%.c"));
        assertEquals(Optional.empty(), JwtExpiry.expiresAt(part("{}") + "." + part("[1,2]") + ".s"));
        assertEquals(Optional.empty(), JwtExpiry.expiresAt(null));
    }
}
