package io.tickwarden.kite;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the Kite access token for storage in Redis (AES-256-GCM) so that a Redis dump does not yield a usable
 * trading session. auth-service encrypts, feed-service decrypts; both use {@code TOKEN_ENCRYPTION_KEY}.
 *
 * <p>Sealed format (ASCII, version 1): {@code tw1.<key id>.<base64url(iv[12] || ciphertext || tag[16])>}.
 * <ul>
 *   <li>{@code tw1} names the format, so a later format can be told apart (and refused clearly).</li>
 *   <li>The key id is a short, non-reversible fingerprint of the key: a reader holding a different key gets
 *       "wrong key" instead of an opaque tag failure.</li>
 *   <li>The token version is bound as associated data: a ciphertext copied onto another version is refused.</li>
 * </ul>
 * Errors never contain the plaintext or the key.
 */
public final class TokenCipher {

    public static final String FORMAT_V1 = "tw1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DEC = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    private TokenCipher(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = keyIdOf(keyBytes);
    }

    /**
     * @param base64Key {@code TOKEN_ENCRYPTION_KEY}: 32 random bytes, standard or URL-safe base64
     * @throws IllegalArgumentException when the key is missing, not base64 or not 256 bits (message names no key material)
     */
    public static TokenCipher fromBase64Key(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("TOKEN_ENCRYPTION_KEY is not set (expected base64 of 32 random bytes)");
        }
        byte[] bytes;
        String trimmed = base64Key.trim();
        try {
            bytes = trimmed.contains("-") || trimmed.contains("_")
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TOKEN_ENCRYPTION_KEY is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "TOKEN_ENCRYPTION_KEY must decode to 32 bytes (256 bit), got " + bytes.length);
        }
        return new TokenCipher(bytes);
    }

    /** A fresh random key in the form {@code TOKEN_ENCRYPTION_KEY} expects (for operators and tests). */
    public static String generateKey() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Short fingerprint of the key, safe to show in logs and documents. */
    public String keyId() {
        return keyId;
    }

    public String encrypt(String plaintext, long tokenVersion) {
        if (plaintext == null) {
            throw new IllegalArgumentException("nothing to encrypt");
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(tokenVersion));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return FORMAT_V1 + "." + keyId + "." + B64URL.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "AES-GCM unavailable in this JVM: " + e.getClass().getSimpleName());
        }
    }

    /**
     * @throws TokenCipherException when the value is not in a known format, was sealed under another key, was
     *                              bound to another token version, or was tampered with
     */
    public String decrypt(String sealedValue, long tokenVersion) throws TokenCipherException {
        if (sealedValue == null) {
            throw new TokenCipherException("no ciphertext");
        }
        String[] parts = sealedValue.split("\\.", -1);
        if (parts.length != 3 || !FORMAT_V1.equals(parts[0])) {
            throw new TokenCipherException("unknown ciphertext format (expected " + FORMAT_V1 + ".<key id>.<data>)");
        }
        if (!MessageDigest.isEqual(
                parts[1].getBytes(StandardCharsets.US_ASCII), keyId.getBytes(StandardCharsets.US_ASCII))) {
            throw new TokenCipherException("ciphertext was sealed under another TOKEN_ENCRYPTION_KEY (key id "
                    + parts[1] + ", ours " + keyId + ")");
        }
        byte[] data;
        try {
            data = B64URL_DEC.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new TokenCipherException("ciphertext is not valid base64url");
        }
        if (data.length < IV_BYTES + TAG_BITS / 8) {
            throw new TokenCipherException("ciphertext is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(associatedData(tokenVersion));
            byte[] plain = cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new TokenCipherException(
                    "ciphertext failed authentication (tampered, or bound to another token version)");
        } catch (GeneralSecurityException e) {
            throw new TokenCipherException("cannot decrypt: " + e.getClass().getSimpleName());
        }
    }

    private static byte[] associatedData(long tokenVersion) {
        return ("tickwarden/kite-access-token/v" + tokenVersion).getBytes(StandardCharsets.US_ASCII);
    }

    private static String keyIdOf(byte[] keyBytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("tickwarden/token-key-id".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha.digest(keyBytes);
            return B64URL.encodeToString(Arrays.copyOf(digest, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The stored value cannot be opened; the message is safe to log (no key, no plaintext). */
    public static final class TokenCipherException extends Exception {
        public TokenCipherException(String message) {
            super(message);
        }
    }
}
