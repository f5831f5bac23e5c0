package io.tickwarden.smartapisim.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of RFC 6238, written apart from the sim's own {@code Totp} so the tests do not check the sim
 * against itself. The demo secret is base32 of the RFC's SHA-1 test key, "12345678901234567890".
 */
public final class TestTotp {

    public static final String SECRET_ASCII = "12345678901234567890";

    private TestTotp() {}

    public static String code(Instant at) {
        return codeAtStep(at.getEpochSecond() / 30);
    }

    /** The code {@code steps} steps away from the one of {@code at}. */
    public static String code(Instant at, int steps) {
        return codeAtStep(at.getEpochSecond() / 30 + steps);
    }

    public static String now() {
        return code(Instant.now());
    }

    static String codeAtStep(long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET_ASCII.getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int o = h[19] & 0xF;
            int bin = ByteBuffer.wrap(h, o, 4).getInt() & 0x7FFFFFFF;
            return String.format(Locale.ROOT, "%06d", bin % 1_000_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
