package io.tickwarden.feed.config;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Angel One SmartAPI lives (ANGEL_API_URL, ANGEL_WS_URL, ANGEL_INSTRUMENTS_URL), our api key and client code
 * (ANGEL_API_KEY, ANGEL_CLIENT_CODE), and the socket's ping interval. Plain properties rather than an {@code angel}
 * mapping, as {@link KiteSettings}: the shared test resource also sets {@code angel.pin} and
 * {@code angel.totp-secret}, which this service must never hold. The session (JWT, feed token) comes sealed from
 * auth-service, never from here.
 */
@Singleton
public class AngelSettings {

    private final String apiUrl;
    private final String wsUrl;
    private final String instrumentsUrl;
    private final String apiKey;
    private final String clientCode;
    private final Duration pingInterval;
    private final String localIp;
    private final String publicIp;
    private final String macAddress;

    AngelSettings(
            @ConfigProperty(name = "angel.api-url", defaultValue = "https://apiconnect.angelone.in") String apiUrl,
            @ConfigProperty(name = "angel.ws-url", defaultValue = "wss://smartapisocket.angelone.in/smart-stream")
                    String wsUrl,
            @ConfigProperty(
                            name = "angel.instruments-url",
                            defaultValue =
                                    "https://margincalculator.angelbroking.com/OpenAPI_File/files/OpenAPIScripMaster.json")
                    String instrumentsUrl,
            @ConfigProperty(name = "angel.api-key") Optional<String> apiKey,
            @ConfigProperty(name = "angel.client-code") Optional<String> clientCode,
            @ConfigProperty(name = "angel.ping-interval", defaultValue = "10s") Duration pingInterval,
            @ConfigProperty(name = "angel.client-local-ip", defaultValue = "127.0.0.1") String localIp,
            @ConfigProperty(name = "angel.client-public-ip", defaultValue = "127.0.0.1") String publicIp,
            @ConfigProperty(name = "angel.mac-address", defaultValue = "00:00:00:00:00:00") String macAddress) {
        this.apiUrl = trimSlash(apiUrl);
        this.wsUrl = trimSlash(wsUrl);
        this.instrumentsUrl = instrumentsUrl;
        this.apiKey = apiKey.orElse("");
        this.clientCode = clientCode.orElse("");
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalStateException("angel.ping-interval must be positive, got " + pingInterval);
        }
        this.pingInterval = pingInterval;
        this.localIp = localIp;
        this.publicIp = publicIp;
        this.macAddress = macAddress;
    }

    /** For unit tests of the adapter's parts. */
    public static AngelSettings of(
            String apiUrl,
            String wsUrl,
            String instrumentsUrl,
            String apiKey,
            String clientCode,
            Duration pingInterval) {
        return new AngelSettings(
                apiUrl,
                wsUrl,
                instrumentsUrl,
                Optional.of(apiKey),
                Optional.of(clientCode),
                pingInterval,
                "127.0.0.1",
                "127.0.0.1",
                "00:00:00:00:00:00");
    }

    public String apiUrl() {
        return apiUrl;
    }

    public String wsUrl() {
        return wsUrl;
    }

    public String instrumentsUrl() {
        return instrumentsUrl;
    }

    public String apiKey() {
        return apiKey;
    }

    /** The account the session belongs to; Angel counts its 3 sockets per client code. */
    public String clientCode() {
        return clientCode;
    }

    /** How often the socket sends the text {@code ping} (Angel's SDKs: 10 s). */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** X-ClientLocalIP, X-ClientPublicIP, X-MACAddress: Angel wants them on every REST call; not secrets. */
    public String localIp() {
        return localIp;
    }

    public String publicIp() {
        return publicIp;
    }

    public String macAddress() {
        return macAddress;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
