package io.tickwarden.smartapisim.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238's SHA-1 test vectors (the last six of their eight digits), and the one-step skew window. */
class TotpTest {

    /** Base32 of the RFC's key "12345678901234567890", which is also the sim's demo secret. */
    private final Totp totp = new Totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

    @Test
    void matchesTheRfcVectors() {
        assertEquals("287082", totp.code(Instant.ofEpochSecond(59)));
        assertEquals("081804", totp.code(Instant.ofEpochSecond(1111111109)));
        assertEquals("050471", totp.code(Instant.ofEpochSecond(1111111111)));
        assertEquals("005924", totp.code(Instant.ofEpochSecond(1234567890)));
        assertEquals("279037", totp.code(Instant.ofEpochSecond(2000000000)));
        assertEquals("353130", totp.code(Instant.ofEpochSecond(20000000000L)));
    }

    @Test
    void acceptsOneStepOfSkewEitherWayAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        for (int steps = -1; steps <= 1; steps++) {
            assertTrue(totp.verify(totp.code(now.plusSeconds(30L * steps)), now), "skew " + steps);
        }
        assertFalse(totp.verify(totp.code(now.plusSeconds(60)), now));
        assertFalse(totp.verify(totp.code(now.minusSeconds(60)), now));
        assertFalse(totp.verify("12345", now));
        assertFalse(totp.verify(null, now));
    }
}
