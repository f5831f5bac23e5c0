package io.tickwarden.auth.config;

import io.smallrye.config.ConfigMapping;

/**
 * Where Kite lives and who we are to it. Each URL defaults to the real Kite; the demo and the tests point them
 * at kite-sim (KITE_API_URL, KITE_WS_URL, KITE_LOGIN_URL, KITE_API_KEY, KITE_API_SECRET).
 */
@ConfigMapping(prefix = "kite")
public interface KiteConfig {

    String apiUrl();

    String wsUrl();

    String loginUrl();

    String apiKey();

    /** Only ever used to compute the token-exchange checksum; never logged or returned. */
    String apiSecret();
}
