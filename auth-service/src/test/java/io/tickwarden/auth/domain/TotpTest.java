package io.tickwarden.auth.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B's test vectors, and Angel's flavour (base32 secret, SHA-1, 6 digits). */
class TotpTest {

    private static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED32 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED64 =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    /** {time (s), SHA1, SHA256, SHA512} from the RFC's table, 8 digits. */
    private static final String[][] VECTORS = {
        {"59", "94287082", "46119246", "90693936"},
        {"1111111109", "07081804", "68084774", "25091201"},
        {"1111111111", "14050471", "67062674", "99943326"},
        {"1234567890", "89005924", "91819424", "93441116"},
        {"2000000000", "69279037", "90698825", "38618901"},
        {"20000000000", "65353130", "77737706", "47863826"},
    };

    @Test
    void rfc6238TestVectors() {
        Totp sha1 = Totp.fromRawKey(SEED20, "HmacSHA1", 8);
        Totp sha256 = Totp.fromRawKey(SEED32, "HmacSHA256", 8);
        Totp sha512 = Totp.fromRawKey(SEED64, "HmacSHA512", 8);
        for (String[] v : VECTORS) {
            Instant at = Instant.ofEpochSecond(Long.parseLong(v[0]));
            assertEquals(v[1], sha1.code(at), "SHA1 at " + v[0]);
            assertEquals(v[2], sha256.code(at), "SHA256 at " + v[0]);
            assertEquals(v[3], sha512.code(at), "SHA512 at " + v[0]);
        }
    }

    @Test
    void angelCodesAreTheLastSixDigitsOfTheRfcSha1Vectors() {
        // base32 of "12345678901234567890" is the RFC's SHA-1 seed: the 6-digit code is the 8-digit one mod 10^6
        Totp angel = Totp.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        for (String[] v : VECTORS) {
            assertEquals(v[1].substring(2), angel.code(Instant.ofEpochSecond(Long.parseLong(v[0]))), "at " + v[0]);
        }
    }

    @Test
    void oneCodePerThirtySecondStep() {
        Totp totp = Totp.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        Instant stepStart = Instant.ofEpochSecond(1_111_111_110);
        assertEquals(totp.code(stepStart), totp.code(stepStart.plusSeconds(29)));
        assertNotEquals(totp.code(stepStart), totp.code(stepStart.plusSeconds(30)));
        assertEquals(6, totp.code(Instant.EPOCH).length());
    }

    @Test
    void base32AsAuthenticatorAppsShowIt() {
        assertArrayEquals(SEED20, Totp.decodeBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Totp.decodeBase32("MZXW6YTBOI======"));
    }

    @Test
    void aBadSecretIsRefusedWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Totp.fromBase32("NOT-B@SE32!"));
        assertFalse(e.getMessage().contains("B@SE32"));
        assertThrows(IllegalArgumentException.class, () -> Totp.fromBase32("  "));
        assertFalse(Totp.fromBase32("GEZDGNBVGY3TQOJQ").toString().contains("GEZD"));
    }
}
