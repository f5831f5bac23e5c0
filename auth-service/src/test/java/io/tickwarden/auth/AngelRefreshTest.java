package io.tickwarden.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tickwarden.auth.support.AngelProfile;
import io.tickwarden.auth.support.AngelSim;
import io.tickwarden.auth.support.Http;
import io.tickwarden.auth.support.KiteLogin;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisTestResource;
import io.tickwarden.testing.SmartApiSimTestResource;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renewal before the JWT's exp, with JWTs that live 20 s at the sim: generateTokens at half the life (the lifetime
 * is read from the JWT, not assumed), and a full login when the refresh is refused.
 */
@QuarkusTest
@TestProfile(AngelProfile.class)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = SmartApiSimTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "smartapi-sim.jwt-lifetime", value = "20s"))
class AngelRefreshTest {

    @SmartApiSimTestResource.InjectSmartApiSim
    QuarkusAppProcess sim;

    @TestHTTPResource("/")
    URL app;

    private JsonNode state() {
        String s = app.toString();
        return KiteLogin.json(Http.get((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/api/auth/state")
                .body());
    }

    @BeforeEach
    void valid() {
        await("a VALID Angel session")
                .atMost(Duration.ofSeconds(30))
                .until(() -> "VALID".equals(state().path("state").asText()));
    }

    @Test
    void aSessionIsRenewedWithGenerateTokensBeforeItsExp() {
        JsonNode before = state();
        long version = before.path("token_version").asLong();
        OffsetDateTime exp = OffsetDateTime.parse(before.path("expires_at").asText());
        long logins = AngelSim.stat(sim, "logins");

        await("a refreshed session").atMost(Duration.ofSeconds(25)).until(() -> {
            JsonNode s = state();
            return "VALID".equals(s.path("state").asText())
                    && s.path("token_version").asLong() > version
                    && "SESSION_REFRESHED".equals(s.path("reason").asText());
        });
        JsonNode after = state();
        assertTrue(OffsetDateTime.parse(after.path("expires_at").asText()).isAfter(exp), after.toString());
        assertTrue(AngelSim.stat(sim, "token_refreshes") >= 1);
        assertEquals(logins, AngelSim.stat(sim, "logins"), "renewed without a new login");
    }

    @Test
    void aRefusedRefreshFallsBackToALogin() {
        long logins = AngelSim.stat(sim, "logins");
        long version = state().path("token_version").asLong();
        AngelSim.expireAllTokens(sim); // JWTs and refresh tokens die; auth-service learns it at the next renewal
        await("a new login").atMost(Duration.ofSeconds(25)).until(() -> {
            JsonNode s = state();
            return "VALID".equals(s.path("state").asText())
                    && s.path("token_version").asLong() > version
                    && "AUTO_LOGIN".equals(s.path("reason").asText());
        });
        assertEquals(logins + 1, AngelSim.stat(sim, "logins"));
        assertTrue(AngelSim.stat(sim, "failed_refreshes") >= 1);
    }
}
