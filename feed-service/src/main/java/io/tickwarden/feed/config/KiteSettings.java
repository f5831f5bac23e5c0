package io.tickwarden.feed.config;

import io.tickwarden.kite.KiteRoutes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Kite lives (KITE_API_URL, KITE_WS_URL, KITE_LOGIN_URL) and our api_key. Plain properties rather than a
 * {@code kite} mapping: the shared test resource also sets {@code kite.api-secret}, which this service must never
 * hold. Points kiteconnect's process-global routes at the configured host once.
 */
@Singleton
public class KiteSettings {

    private final String apiUrl;
    private final String wsUrl;
    private final String apiKey;

    KiteSettings(
            @ConfigProperty(name = "kite.api-url", defaultValue = "https://api.kite.trade") String apiUrl,
            @ConfigProperty(name = "kite.ws-url", defaultValue = "wss://ws.kite.trade") String wsUrl,
            @ConfigProperty(name = "kite.login-url", defaultValue = "https://kite.zerodha.com/connect/login")
                    String loginUrl,
            @ConfigProperty(name = "kite.api-key") Optional<String> apiKey) {
        this.apiUrl = apiUrl;
        this.wsUrl = wsUrl.endsWith("/") ? wsUrl.substring(0, wsUrl.length() - 1) : wsUrl;
        this.apiKey = apiKey.orElse("");
        KiteRoutes.pointAt(apiUrl, wsUrl, loginUrl);
    }

    public String apiUrl() {
        return apiUrl;
    }

    public String wsUrl() {
        return wsUrl;
    }

    public String apiKey() {
        return apiKey;
    }
}
