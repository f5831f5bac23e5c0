package io.tickwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The environment and ports derived from the services' sources are right, so the checks built on them bite. */
class ServicesDerivationTest {

    @Test
    void portsAreTheContractPorts() {
        assertEquals(8080, Services.port("gateway"));
        assertEquals(8081, Services.port("session-service"));
        assertEquals(8082, Services.port("auth-service"));
        assertEquals(8083, Services.port("feed-service"));
        assertEquals(8090, Services.port("kite-sim"));
        assertEquals(8091, Services.port("smartapi-sim"));
    }

    @Test
    void contractVariablesAreReadByTheirServices() {
        assertTrue(Services.envRead("session-service")
                .containsAll(Set.of(
                        "ADMIN_API_KEY",
                        "SESSION_CLOCK_START",
                        "SESSION_CLOCK_SPEED",
                        "SESSION_CALENDAR_FILE",
                        "SESSION_TIMING_FILE",
                        "REDIS_URL")));
        assertTrue(Services.envRead("auth-service")
                .containsAll(Set.of(
                        "ADMIN_API_KEY",
                        "TOKEN_ENCRYPTION_KEY",
                        "KITE_API_KEY",
                        "KITE_API_SECRET",
                        "KITE_API_URL",
                        "KITE_WS_URL",
                        "KITE_LOGIN_URL",
                        "GATEWAY_URL")));
        assertTrue(Services.envRead("feed-service")
                .containsAll(Set.of(
                        "ADMIN_API_KEY",
                        "TOKEN_ENCRYPTION_KEY",
                        "FEED_SCHEDULE",
                        "FEED_WATCHLIST",
                        "FEED_MODE",
                        "FEED_STALE_AFTER",
                        "FEED_HEARTBEAT_TIMEOUT",
                        "FEED_BACKOFF_INITIAL",
                        "FEED_BACKOFF_MAX",
                        "FEED_REST_FALLBACK_AFTER",
                        "FEED_REST_FALLBACK_INTERVAL",
                        "FEED_LEASE_TTL",
                        "KITE_API_KEY",
                        "KITE_WS_URL",
                        "HOSTNAME")));
        assertTrue(Services.envRead("gateway")
                .containsAll(Set.of(
                        "GATEWAY_API_KEYS",
                        "AUTH_SERVICE_URL",
                        "SESSION_SERVICE_URL",
                        "FEED_SERVICE_URL",
                        "REDIS_URL",
                        "GATEWAY_WS_SLOW_CONSUMER_TIMEOUT")));
        assertTrue(Services.envRead("kite-sim")
                .containsAll(
                        Set.of("KITE_SIM_REDIRECT_URL", "KITE_SIM_API_KEY", "KITE_SIM_API_SECRET", "KITE_SIM_HOST")));
        assertTrue(Services.envRead("smartapi-sim")
                .containsAll(Set.of(
                        "SMARTAPI_SIM_HOST",
                        "SMARTAPI_SIM_API_KEY",
                        "SMARTAPI_SIM_CLIENT_CODE",
                        "SMARTAPI_SIM_PIN",
                        "SMARTAPI_SIM_TOTP_SECRET")));
        // BROKER=angel: both read the broker, the endpoints and the account; only auth-service the PIN and TOTP secret.
        assertTrue(Services.envRead("auth-service")
                .containsAll(Set.of(
                        "BROKER",
                        "ANGEL_API_URL",
                        "ANGEL_API_KEY",
                        "ANGEL_CLIENT_CODE",
                        "ANGEL_PIN",
                        "ANGEL_PIN_FILE",
                        "ANGEL_TOTP_SECRET",
                        "ANGEL_TOTP_SECRET_FILE",
                        "AUTH_ALLOW_DEMO_SECRETS")));
        assertTrue(Services.envRead("feed-service")
                .containsAll(Set.of(
                        "BROKER",
                        "ANGEL_API_URL",
                        "ANGEL_WS_URL",
                        "ANGEL_INSTRUMENTS_URL",
                        "ANGEL_API_KEY",
                        "ANGEL_CLIENT_CODE")));
    }

    @Test
    void smartApiSimsDemoAccountIsReadFromItsSources() {
        assertEquals("sim_angel_api_key", Services.smartApiSimDefault("apiKey"));
        assertEquals("S100001", Services.smartApiSimDefault("clientCode"));
        assertEquals("1111", Services.smartApiSimDefault("pin"));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Services.smartApiSimDefault("totpSecret"));
    }

    @Test
    void secretsAndSettingsOfOtherServicesAreNotRead() {
        assertFalse(Services.envRead("feed-service").contains("KITE_API_SECRET"), "the feed never holds the secret");
        for (String angelSecret :
                Set.of("ANGEL_PIN", "ANGEL_PIN_FILE", "ANGEL_TOTP_SECRET", "ANGEL_TOTP_SECRET_FILE")) {
            assertFalse(Services.envRead("feed-service").contains(angelSecret), "the feed never holds " + angelSecret);
        }
        assertFalse(Services.envRead("smartapi-sim").contains("REDIS_URL"), "smartapi-sim has no Redis");
        assertFalse(Services.envRead("gateway").contains("TOKEN_ENCRYPTION_KEY"));
        assertFalse(Services.envRead("kite-sim").contains("REDIS_URL"));
        assertFalse(Services.envRead("kite-sim").contains("QUARKUS_REDIS_CLIENT_TYPE"), "kite-sim has no Redis client");
        assertFalse(Services.envRead("session-service").contains("FEED_WATCHLIST"));
    }
}
