package io.tickwarden.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tickwarden.auth.support.KiteLogin;
import io.tickwarden.testing.RedisTestResource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BROKER=angel without a PIN or TOTP secret: the service starts (no crash loop), says what to set in the state and
 * in readiness, stays alive, and never calls Angel (the api URL points nowhere).
 */
@QuarkusTest
@TestProfile(AngelMissingSecretsTest.NoSecrets.class)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class AngelMissingSecretsTest {

    public static class NoSecrets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "auth.broker",
                    "angel",
                    "angel.api-url",
                    "http://localhost:9",
                    "angel.api-key",
                    "some_key",
                    "angel.client-code",
                    "S100001");
        }
    }

    @Test
    void startsAndSaysWhatToSet() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "CREDENTIALS_MISSING"
                        .equals(KiteLogin.json(given().get("/api/auth/state").asString())
                                .path("reason")
                                .asText()));
        JsonNode state = KiteLogin.json(given().get("/api/auth/state").asString());
        assertEquals("REQUIRED", state.path("state").asText());
        assertTrue(state.path("message").asText().contains("ANGEL_PIN"), state.toString());
        assertTrue(state.path("message").asText().contains("ANGEL_TOTP_SECRET"), state.toString());
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(containsString("broker-session"), containsString("set ANGEL_PIN, ANGEL_TOTP_SECRET"));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(
                        containsString("auth_state{state=\"REQUIRED\"} 1.0"),
                        not(containsString("auth_angel_calls_total")));
    }
}
