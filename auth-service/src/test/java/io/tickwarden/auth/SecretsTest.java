package io.tickwarden.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.auth.support.AuthKiteSimResource;
import io.tickwarden.auth.support.Http;
import io.tickwarden.auth.support.KiteLogin;
import io.tickwarden.kite.TokenCipher;
import io.tickwarden.testing.KiteSimTestResource;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The access token and the api_secret appear in no log line, no API response and no metric; what Redis holds
 * does not work as a Kite token, yet decrypts (with TOKEN_ENCRYPTION_KEY) to the one that does.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AuthKiteSimResource.class, restrictToAnnotatedClass = true)
class SecretsTest {

    private static final String API_KEY = KiteSimTestResource.API_KEY;
    private static final String API_SECRET = KiteSimTestResource.API_SECRET;

    @KiteSimTestResource.InjectKiteSim
    QuarkusAppProcess sim;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "auth.token-encryption-key")
    String encryptionKey;

    @TestHTTPResource("/")
    URL app;

    private String url(String path) {
        String s = app.toString();
        return (s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + path;
    }

    /** What feed-service does: read auth:token, decrypt with TokenCipher bound to token_version. */
    private String decryptStoredToken() throws Exception {
        JsonNode stored = KiteLogin.json(redis.value(String.class).get("auth:token"));
        return TokenCipher.fromBase64Key(encryptionKey)
                .decrypt(
                        stored.path("ciphertext").asText(),
                        stored.path("token_version").asLong());
    }

    @Test
    void rawRedisValuesDoNotWorkAsAKiteToken() throws Exception {
        KiteLogin.fullLogin(url(""));
        String token = decryptStoredToken();
        assertEquals(200, KiteLogin.profileStatus(sim.baseUrl(), API_KEY, token), "the decrypted token must work");

        List<String> candidates = new ArrayList<>();
        for (String key : redis.key().keys("*")) {
            String type = redis.key().type(key).name();
            if ("STRING".equalsIgnoreCase(type)) {
                String value = redis.value(String.class).get(key);
                candidates.add(value);
                collectJsonStrings(value, candidates);
            } else if ("HASH".equalsIgnoreCase(type)) {
                candidates.addAll(redis.hash(String.class).hgetall(key).values());
            }
        }
        assertTrue(candidates.size() > 3, "Redis holds " + candidates);
        for (String candidate : candidates) {
            assertFalse(candidate.contains(token), "Redis holds the plain token");
            assertEquals(
                    403,
                    KiteLogin.profileStatus(sim.baseUrl(), API_KEY, candidate),
                    "works as a Kite token: " + candidate);
        }
    }

    @Test
    void neitherTokenNorSecretAppearsInLogsResponsesOrMetrics() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(API_SECRET));
        List<String> responses = new ArrayList<>();

        // a browser login, whose request token is a secret too
        KiteLogin.Hops hops = KiteLogin.startLogin(url(""));
        secrets.add(Http.query(hops.callbackUrl()).get("request_token"));
        responses.add(Http.get(hops.callbackUrl()).body());
        secrets.add(decryptStoredToken());
        // a replay and a forged request token: error pages
        responses.add(Http.get(hops.callbackUrl()).body());
        KiteLogin.Hops again = KiteLogin.startLogin(url(""));
        responses.add(Http.get(Http.withParam(again.callbackUrl(), "request_token", "bogus"))
                .body());
        responses.add(Http.get(again.callbackUrl(), "Accept", "text/html").body());

        // an operator installs a token, and a token Kite refuses
        String adminToken = KiteLogin.tokenFromSim(sim.baseUrl(), API_KEY, API_SECRET);
        secrets.add(adminToken);
        responses.add(put("{\"access_token\":\"" + adminToken + "\"}").body());
        responses.add(put("{\"access_token\":\"" + adminToken + "x\"}").body());
        responses.add(put("{\"access_token\":" + adminToken + "}").body()); // malformed JSON must not be echoed
        responses.add(Http.post(url("/api/auth/verify"), "").body());
        responses.add(Http.get(url("/api/auth/state")).body());

        // Kite drops the token, Kite is unreachable: both end up in messages and last_error
        KiteLogin.expireAllTokens(sim.baseUrl());
        responses.add(Http.post(url("/api/auth/verify"), "").body());
        responses.add(Http.send(
                        HttpRequest.newBuilder(URI.create(url("/api/auth/token")))
                                .DELETE(),
                        "Authorization",
                        "Bearer dev-admin-key")
                .body());
        responses.add(Http.get(url("/q/metrics")).body());
        responses.add(Http.get(url("/q/health")).body());
        responses.add(
                KiteLogin.json(redis.value(String.class).get("auth:state")).toString());

        String log = Files.readString(Path.of("target/auth-service-test.log"));
        assertTrue(log.contains("Auth state"), "the log file captures the app's log");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a secret is in the log: " + mask(secret));
            for (String response : responses) {
                assertFalse(response.contains(secret), "a secret is in a response: " + mask(secret));
            }
        }
    }

    private java.net.http.HttpResponse<String> put(String body) {
        return Http.send(
                HttpRequest.newBuilder(URI.create(url("/api/auth/token")))
                        .PUT(HttpRequest.BodyPublishers.ofString(body)),
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer dev-admin-key");
    }

    private static void collectJsonStrings(String raw, List<String> into) {
        try {
            collect(KiteLogin.json(raw), into);
        } catch (AssertionError notJson) {
            // plain values were added as they are
        }
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node.isTextual()) {
            into.add(node.asText());
        }
        node.forEach(child -> collect(child, into));
    }

    private static String mask(String secret) {
        return secret.substring(0, Math.min(3, secret.length())) + "...";
    }
}
