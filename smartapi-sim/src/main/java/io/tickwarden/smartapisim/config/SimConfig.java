package io.tickwarden.smartapisim.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * smartapi-sim settings; environment names follow, e.g. {@code SMARTAPI_SIM_API_KEY} for
 * {@code smartapi-sim.api-key}. The defaults are the demo account every test and the demo use.
 */
@ConfigMapping(prefix = "smartapi-sim")
public interface SimConfig {

    /** The app's api key: every REST call must carry it as {@code X-PrivateKey}. */
    @WithDefault("sim_angel_api_key")
    String apiKey();

    /** The one account the sim knows. */
    @WithDefault("S100001")
    String clientCode();

    /** The account's PIN (the login "password"). Never logged. */
    @WithDefault("1111")
    String pin();

    /** Base32 TOTP secret (RFC 6238, 30 s, 6 digits, HMAC-SHA1). Never logged. */
    @WithDefault("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    String totpSecret();

    /** Lifetime of an issued JWT (its {@code exp}) and of the feed token issued with it. */
    @WithDefault("24h")
    Duration jwtLifetime();

    /** Ticks per second per instrument (each instrument moves on every step). */
    @WithDefault("1")
    double ticksPerSecond();

    /** WebSocket 2.0 connections per client code; the next one is closed right after the upgrade. */
    @WithDefault("3")
    int maxConnectionsPerClient();

    /** Subscribed tokens per connection; a request that would pass it gets E1002. */
    @WithDefault("1000")
    int maxTokensPerConnection();

    /** Depth-20 (mode 4) tokens per connection, as the SDKs enforce. */
    @WithDefault("50")
    int maxDepthTokensPerConnection();

    /** Quote endpoint requests per second per api key (Angel documents 10/s); beyond it, Angel's 403. */
    @WithDefault("10")
    double quoteRequestsPerSecond();

    /** Tokens per quote request. */
    @WithDefault("50")
    int quoteMaxTokens();

    /** NIFTY and BANKNIFTY option strikes per expiry and side of the money (the same universe as kite-sim). */
    @WithDefault("120")
    int optionStrikesPerSide();

    /** Delay per message under the {@code slow} fault when the fault names none. */
    @WithDefault("1500ms")
    Duration slowFaultDelay();

    /** Seed of the random walk; unset means a new walk each start. */
    Optional<Long> seed();

    @WithDefault("Sim Angel Trader")
    String userName();
}
