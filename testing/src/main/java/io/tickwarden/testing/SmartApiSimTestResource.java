package io.tickwarden.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs the packaged smartapi-sim as a real process for a {@code @QuarkusTest} of another service and points the
 * service's Angel settings at it: {@code angel.api-url}, {@code angel.ws-url}, {@code angel.instruments-url}, and the
 * sim's demo account as {@code angel.api-key}, {@code angel.client-code}, {@code angel.pin} and
 * {@code angel.totp-secret} (also public constants here). Init args (from
 * {@code @QuarkusTestResource(initArgs=...)}) are passed to smartapi-sim as system properties, e.g.
 * {@code smartapi-sim.jwt-lifetime=30s}. A field annotated {@link InjectSmartApiSim} receives the process.
 */
public class SmartApiSimTestResource implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectSmartApiSim {}

    public static final String API_KEY = "sim_angel_api_key";
    public static final String CLIENT_CODE = "S100001";
    public static final String PIN = "1111";
    /** Base32; RFC 6238 with 30 s steps, 6 digits, HMAC-SHA1. */
    public static final String TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    public static final String STREAM_PATH = "/smart-stream";
    public static final String INSTRUMENTS_PATH = "/OpenAPI_File/files/OpenAPIScripMaster.json";

    private final Map<String, String> simProperties = new HashMap<>();
    private QuarkusAppProcess sim;

    @Override
    public void init(Map<String, String> initArgs) {
        simProperties.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        sim = QuarkusAppProcess.start("smartapi-sim", simProperties);
        return properties(sim);
    }

    /** The {@code angel.*} settings that point a service at a running smartapi-sim. */
    public static Map<String, String> properties(QuarkusAppProcess sim) {
        return Map.of(
                "angel.api-url", sim.baseUrl(),
                "angel.ws-url", "ws://localhost:" + sim.port() + STREAM_PATH,
                "angel.instruments-url", sim.baseUrl() + INSTRUMENTS_PATH,
                "angel.api-key", API_KEY,
                "angel.client-code", CLIENT_CODE,
                "angel.pin", PIN,
                "angel.totp-secret", TOTP_SECRET);
    }

    /**
     * The demo account's TOTP for {@code at} (RFC 6238: 30 s steps, 6 digits, HMAC-SHA1), for a test that logs in to
     * the sim itself. The sim accepts the current step and one either side, checked against the real clock.
     */
    public static String totp(Instant at) {
        byte[] key = base32(TOTP_SECRET);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8)
                    .putLong(Math.floorDiv(at.getEpochSecond(), 30))
                    .array());
            int offset = h[h.length - 1] & 0x0F;
            int binary = ByteBuffer.wrap(h, offset, 4).getInt() & 0x7FFFFFFF;
            return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                sim, new TestInjector.AnnotatedAndMatchesType(InjectSmartApiSim.class, QuarkusAppProcess.class));
    }

    @Override
    public void stop() {
        if (sim != null) {
            sim.close();
        }
    }
}
