package io.tickwarden.gateway.ws;

import io.quarkus.runtime.StartupEvent;
import io.tickwarden.gateway.config.GatewayConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The client keys of {@code GATEWAY_API_KEYS}. A candidate is compared with every key in constant time: both sides
 * are hashed first (so lengths leak nothing) and every key is checked, match or not.
 */
@Singleton
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    private final List<byte[]> digests;

    ApiKeys(GatewayConfig config) {
        this.digests = config.apiKeys().orElse(List.of()).stream()
                .map(String::trim)
                .filter(k -> !k.isEmpty())
                .map(ApiKeys::sha256)
                .toList();
    }

    void warnIfEmpty(@Observes StartupEvent e) {
        if (digests.isEmpty()) {
            LOG.warn("GATEWAY_API_KEYS is empty: every WebSocket upgrade is refused with 401");
        }
    }

    public boolean accepts(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return false;
        }
        byte[] c = sha256(candidate);
        boolean ok = false;
        for (byte[] d : digests) {
            ok |= MessageDigest.isEqual(c, d);
        }
        return ok;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
