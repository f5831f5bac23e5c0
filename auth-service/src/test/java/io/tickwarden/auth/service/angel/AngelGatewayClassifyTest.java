package io.tickwarden.auth.service.angel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.auth.service.SecretRedactor;
import org.junit.jupiter.api.Test;

/** Angel's envelope {status, message, errorcode, data} and HTTP statuses as outcomes. */
class AngelGatewayClassifyTest {

    private final SecretRedactor redactor = new SecretRedactor("unused-secret");

    private AngelResult<String> login(int status, String body) {
        return AngelGateway.classify(
                "login", status, body, true, data -> data.path("jwtToken").asText(null), redactor);
    }

    private AngelResult<String> profile(int status, String body) {
        return AngelGateway.classify(
                "profile", status, body, false, data -> data.path("name").asText(null), redactor);
    }

    @Test
    void success() {
        AngelResult.Ok<String> ok = assertInstanceOf(
                AngelResult.Ok.class,
                login(
                        200,
                        "{\"status\":true,\"message\":\"SUCCESS\",\"errorcode\":\"\",\"data\":{\"jwtToken\":\"j\"}}"));
        assertEquals("j", ok.value());
        assertInstanceOf(
                AngelResult.Unavailable.class, login(200, "{\"status\":true,\"message\":\"SUCCESS\",\"data\":null}"));
    }

    @Test
    void aRefusedLoginIsAboutTheCredentials() {
        AngelResult<String> r =
                login(200, "{\"status\":false,\"message\":\"Invalid totp\",\"errorcode\":\"AB1050\",\"data\":null}");
        AngelResult.CredentialsRefused<String> refused = assertInstanceOf(AngelResult.CredentialsRefused.class, r);
        assertTrue(refused.message().contains("Invalid totp [AB1050]"), refused.message());
        assertInstanceOf(AngelResult.CredentialsRefused.class, login(401, ""));
        assertInstanceOf(
                AngelResult.CredentialsRefused.class,
                login(400, "{\"status\":false,\"message\":\"Invalid API Key\",\"errorcode\":\"AG8004\"}"));
    }

    @Test
    void ag8001IsARejectedToken() {
        assertInstanceOf(
                AngelResult.TokenRejected.class,
                profile(
                        200,
                        "{\"status\":false,\"message\":\"Invalid Token\",\"errorcode\":\"AG8001\",\"data\":\"\"}"));
        assertInstanceOf(
                AngelResult.TokenRejected.class,
                profile(401, "{\"status\":false,\"message\":\"Invalid Token\",\"errorcode\":\"AG8001\"}"));
        assertInstanceOf(AngelResult.TokenRejected.class, profile(403, "Forbidden"));
    }

    @Test
    void transientAnswersNeverCountAsRefusals() {
        assertInstanceOf(
                AngelResult.RateLimited.class, login(429, "{\"status\":false,\"message\":\"Too many requests\"}"));
        assertInstanceOf(AngelResult.RateLimited.class, login(403, "Access denied because of exceeding access rate"));
        assertInstanceOf(AngelResult.Unavailable.class, login(502, "<html>bad gateway</html>"));
        assertInstanceOf(
                AngelResult.Unavailable.class,
                login(
                        200,
                        "{\"status\":false,\"message\":\"Something Went Wrong, Please Try After Sometime\",\"errorcode\":\"AB1004\"}"));
        assertInstanceOf(AngelResult.Unavailable.class, login(200, "not json"));
        // an unknown refusal of a profile check says nothing about the session
        assertInstanceOf(
                AngelResult.Unavailable.class,
                profile(200, "{\"status\":false,\"message\":\"odd\",\"errorcode\":\"AB9999\"}"));
    }

    @Test
    void messagesAreRedacted() {
        AngelResult<String> r = login(
                400,
                "{\"status\":false,\"message\":\"bad body {\\\"password\\\":\\\"4821\\\"} "
                        + "eyJhbGciOiJIUzUxMiJ9.eyJleHAiOjF9.c2ln\",\"errorcode\":\"AB1000\"}");
        String message =
                assertInstanceOf(AngelResult.CredentialsRefused.class, r).message();
        assertFalse(message.contains("4821"), message);
        assertFalse(message.contains("eyJ"), message);
    }
}
