package io.tickwarden.auth.domain;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 one-time codes as Angel One expects them: HMAC-SHA1, 30 s steps from the Unix epoch, 6 digits, from the
 * base32 secret the user enabled in Angel's portal. The instant is passed in, so a code is reproducible in tests.
 * {@link #toString()} never shows the key.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final byte[] key;
    private final String algorithm;
    private final int digits;

    private Totp(byte[] key, String algorithm, int digits) {
        this.key = key.clone();
        this.algorithm = algorithm;
        this.digits = digits;
    }

    /** Angel's kind: SHA-1, 6 digits. @throws IllegalArgumentException when the secret is not base32 (the text names no secret) */
    public static Totp fromBase32(String secret) {
        return new Totp(decodeBase32(secret), "HmacSHA1", DIGITS);
    }

    /** For the RFC's own test vectors, which use raw ASCII keys, SHA-256/512 and 8 digits. */
    static Totp fromRawKey(byte[] key, String hmacAlgorithm, int digits) {
        return new Totp(key, hmacAlgorithm, digits);
    }

    /** The code valid during the 30 s step that contains {@code at}, zero-padded. */
    public String code(Instant at) {
        return codeForStep(Math.floorDiv(at.getEpochSecond(), STEP_SECONDS));
    }

    String codeForStep(long step) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, "RAW"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            int modulo = (int) Math.pow(10, digits);
            String code = Integer.toString(binary % modulo);
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC " + algorithm + " unavailable", e);
        }
    }

    /** RFC 4648 base32, case-insensitive, spaces and '=' padding ignored (authenticator apps show secrets so). */
    static byte[] decodeBase32(String secret) {
        if (secret == null) {
            throw new IllegalArgumentException("the TOTP secret is missing");
        }
        String clean =
                secret.replace(" ", "").replace("-", "").replace("=", "").trim().toUpperCase();
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("the TOTP secret is empty");
        }
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < clean.length(); i++) {
            int value = BASE32.indexOf(clean.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("the TOTP secret is not base32 (A-Z, 2-7)");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[index++] = (byte) (buffer >> bits);
            }
        }
        return Arrays.copyOf(out, index);
    }

    @Override
    public String toString() {
        return "Totp[" + algorithm + ", " + digits + " digits, key=***]";
    }
}
