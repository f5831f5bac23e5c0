package io.tickwarden.kitesim.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** kite-sim settings; environment names follow, e.g. {@code KITE_SIM_API_KEY} for {@code kite-sim.api-key}. */
@ConfigMapping(prefix = "kite-sim")
public interface SimConfig {

    /** The app's api_key the sim accepts. */
    @WithDefault("sim_api_key")
    String apiKey();

    /** The app's api_secret, used to check the session checksum. Never logged. */
    @WithDefault("sim_api_secret")
    String apiSecret();

    /** Where the login page sends the browser (the app's registered redirect URL). */
    @WithDefault("http://localhost:8082/api/auth/callback")
    String redirectUrl();

    /** Ticks per second per instrument (each instrument moves on every step). */
    @WithDefault("1")
    double ticksPerSecond();

    /** Interval of the 1-byte heartbeat frame. */
    @WithDefault("1s")
    Duration heartbeatInterval();

    @WithDefault("3")
    int maxSocketsPerApiKey();

    @WithDefault("3000")
    int maxTokensPerSocket();

    /** Requests per second per api_key on the quote endpoints; beyond it, 429 NetworkException. */
    @WithDefault("1")
    double quoteRequestsPerSecond();

    /** How long a request_token from the login page can be exchanged. */
    @WithDefault("5m")
    Duration requestTokenTtl();

    /** NIFTY and BANKNIFTY option strikes per expiry and side of the money (4 weekly expiries, CE and PE). */
    @WithDefault("120")
    int optionStrikesPerSide();

    /** Delay per frame under the {@code slow} fault when the fault names none. */
    @WithDefault("1500ms")
    Duration slowFaultDelay();

    /** Seed of the random walk; unset means a new walk each start. */
    Optional<Long> seed();

    /** Benchmark only: file that receives a record of every tick sent (see SendLog). */
    Optional<String> sendLog();

    /** The demo user. */
    @WithDefault("ZS1234")
    String userId();

    @WithDefault("Sim Trader")
    String userName();
}
