package io.tickwarden.auth.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        String out = redactor.redact("DELETE /session/token?api_key=k&access_token=abc123 checksum=ffee request_token=rt");
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
}
