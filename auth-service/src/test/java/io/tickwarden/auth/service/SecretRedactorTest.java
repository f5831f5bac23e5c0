package io.tickwarden.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    private final SecretRedactor redactor = new SecretRedactor("s3cr3t-api-secret");

    @Test
    void knownSecretsAreReplaced() {
        redactor.remember("tok_abcdef123456");
        String out = redactor.redact("failed with s3cr3t-api-secret and tok_abcdef123456!");
        assertEquals("failed with *** and ***!", out);
    }

    @Test
    void secretLookingParametersAreMasked() {
        String out =
                redactor.redact("DELETE /session/token?api_key=k&access_token=abc123 checksum=ffee request_token=rt");
        assertFalse(out.contains("abc123"));
        assertFalse(out.contains("ffee"));
        assertFalse(out.contains("=rt"));
        assertTrue(out.contains("api_key=k"));
    }

    @Test
    void authorizationHeadersAreMasked() {
        assertEquals("Authorization: token key:***", redactor.redact("Authorization: token key:abcdef"));
    }

    @Test
    void longTextIsCut() {
        assertTrue(redactor.redact("x".repeat(1000)).length() < 400);
        assertEquals(null, redactor.redact(null));
    }

    @Test
    void angelSecretsAreMasked() {
        String jwt = "eyJhbGciOiJIUzUxMiJ9.eyJ1c2VybmFtZSI6IlMxMDAwMDEiLCJleHAiOjE3NjQ3MjY0MDB9.sig-Nature_x";
        assertEquals("token ***!", redactor.redact("token " + jwt + "!"));
        assertEquals("Authorization: Bearer ***", redactor.redact("Authorization: Bearer abc.def"));
        String body = "{\"clientcode\":\"S100001\",\"password\":\"4821\",\"totp\":\"123456\","
                + "\"refreshToken\":\"rt-1\",\"feedToken\":\"ft-1\",\"jwt\":\"j\",\"feed_token\":\"f\"}";
        String out = redactor.redact(body);
        for (String secret : new String[] {"4821", "123456", "rt-1", "ft-1", "\"j\"", "\"f\""}) {
            assertFalse(out.contains(secret), out);
        }
        assertTrue(out.contains("S100001"), "the client code is no secret: " + out);
        assertFalse(redactor.redact("password=4821&totp=123456").contains("4821"));
    }

    @Test
    void rememberedPinAndTotpSecretAreReplacedVerbatim() {
        redactor.remember("GEZDGNBVGY3TQOJQ");
        redactor.remember("9876");
        assertEquals("secret *** pin ***", redactor.redact("secret GEZDGNBVGY3TQOJQ pin 9876"));
        redactor.remember("abc"); // too short to be told apart from ordinary text: ignored
        assertEquals("abc", redactor.redact("abc"));
    }
}
