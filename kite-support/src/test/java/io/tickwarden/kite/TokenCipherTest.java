package io.tickwarden.kite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static final String TOKEN = "q1w2e3r4t5y6u7i8o9p0asdfghjklzxc";

    private final TokenCipher cipher = TokenCipher.fromBase64Key(TokenCipher.generateKey());

    @Test
    void roundTripsUnderTheSameVersion() throws Exception {
        String sealed = cipher.encrypt(TOKEN, 7);
        assertEquals(TOKEN, cipher.decrypt(sealed, 7));
    }

    @Test
    void sealedValueIsVersionedAndHidesTheToken() {
        String sealed = cipher.encrypt(TOKEN, 1);
        assertTrue(sealed.startsWith("tw1." + cipher.keyId() + "."), sealed);
        assertFalse(sealed.contains(TOKEN));
        assertFalse(new String(Base64.getUrlDecoder().decode(sealed.split("\\.")[2])).contains(TOKEN));
    }

    @Test
    void everyEncryptionUsesAFreshIv() {
        assertNotEquals(cipher.encrypt(TOKEN, 1), cipher.encrypt(TOKEN, 1));
    }

    @Test
    void refusesAnotherTokenVersion() {
        String sealed = cipher.encrypt(TOKEN, 3);
        TokenCipher.TokenCipherException e =
                assertThrows(TokenCipher.TokenCipherException.class, () -> cipher.decrypt(sealed, 4));
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void refusesAnotherKeyClearly() {
        String sealed = cipher.encrypt(TOKEN, 1);
        TokenCipher other = TokenCipher.fromBase64Key(TokenCipher.generateKey());
        TokenCipher.TokenCipherException e =
                assertThrows(TokenCipher.TokenCipherException.class, () -> other.decrypt(sealed, 1));
        assertTrue(e.getMessage().contains("another TOKEN_ENCRYPTION_KEY"), e.getMessage());
    }

    @Test
    void refusesTamperedCiphertext() {
        String sealed = cipher.encrypt(TOKEN, 1);
        String[] parts = sealed.split("\\.");
        byte[] data = Base64.getUrlDecoder().decode(parts[2]);
        data[data.length - 1] ^= 1;
        String tampered = parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(data);
        assertThrows(TokenCipher.TokenCipherException.class, () -> cipher.decrypt(tampered, 1));
    }

    @Test
    void refusesUnknownFormats() {
        assertThrows(TokenCipher.TokenCipherException.class, () -> cipher.decrypt(TOKEN, 1));
        assertThrows(TokenCipher.TokenCipherException.class, () -> cipher.decrypt("tw2.abc.def", 1));
        assertThrows(TokenCipher.TokenCipherException.class, () -> cipher.decrypt(null, 1));
    }

    @Test
    void rejectsBadKeysWithoutEchoingThem() {
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> TokenCipher.fromBase64Key(" "));
        assertTrue(missing.getMessage().contains("not set"));
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException tooShort =
                assertThrows(IllegalArgumentException.class, () -> TokenCipher.fromBase64Key(shortKey));
        assertFalse(tooShort.getMessage().contains(shortKey));
        assertThrows(IllegalArgumentException.class, () -> TokenCipher.fromBase64Key("not base64 !!"));
    }

    @Test
    void acceptsUrlSafeKeys() throws Exception {
        byte[] raw = new byte[32];
        raw[0] = (byte) 0xfb; // forces '-' or '_' in the url-safe form
        raw[1] = (byte) 0xff;
        String urlSafe = Base64.getUrlEncoder().encodeToString(raw);
        String standard = Base64.getEncoder().encodeToString(raw);
        TokenCipher a = TokenCipher.fromBase64Key(urlSafe);
        TokenCipher b = TokenCipher.fromBase64Key(standard);
        assertEquals(a.keyId(), b.keyId());
        assertEquals(TOKEN, b.decrypt(a.encrypt(TOKEN, 2), 2));
    }
}
