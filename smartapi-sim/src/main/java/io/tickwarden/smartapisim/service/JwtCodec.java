package io.tickwarden.smartapisim.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Real-format JWTs (base64url header.payload.signature, HS256) under a key that exists only in this process, so a
 * client can decode {@code exp} as it would Angel's, and nothing outside the sim can mint one.
 */
public final class JwtCodec {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER =
            ENCODER.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final ObjectMapper json;
    private final byte[] key;

    public JwtCodec(ObjectMapper json) {
        this.json = json;
        this.key = new byte[32];
        new SecureRandom().nextBytes(key);
    }

    public String sign(Map<String, Object> claims) {
        try {
            String payload = ENCODER.encodeToString(json.writeValueAsBytes(claims));
            String signingInput = HEADER + "." + payload;
            return signingInput + "." + ENCODER.encodeToString(hmac(signingInput));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode JWT claims", e);
        }
    }

    /** The claims of a token this sim signed, whatever its {@code exp}; empty for anything else. */
    public Optional<JsonNode> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(HEADER)) {
            return Optional.empty();
        }
        try {
            byte[] signature = DECODER.decode(parts[2]);
            if (!MessageDigest.isEqual(signature, hmac(parts[0] + "." + parts[1]))) {
                return Optional.empty();
            }
            JsonNode claims = json.readTree(DECODER.decode(parts[1]));
            return claims != null && claims.isObject() ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
