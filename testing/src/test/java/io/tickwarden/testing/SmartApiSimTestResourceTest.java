package io.tickwarden.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The demo TOTP helper against RFC 6238's SHA-1 vectors (the demo secret is the RFC's key in base32). */
class SmartApiSimTestResourceTest {

    @Test
    void totpMatchesTheRfcVectors() {
        assertEquals("287082", SmartApiSimTestResource.totp(Instant.ofEpochSecond(59)));
        assertEquals("081804", SmartApiSimTestResource.totp(Instant.ofEpochSecond(1111111109)));
        assertEquals("279037", SmartApiSimTestResource.totp(Instant.ofEpochSecond(2000000000)));
    }
}
