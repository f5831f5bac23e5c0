package io.tickwarden.auth.service.angel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tickwarden.auth.config.AngelConfig;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.service.SecretRedactor;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The only place that talks to Angel One SmartAPI (or smartapi-sim): loginByPassword, generateTokens, getProfile and
 * logout over the JDK HTTP client, with the headers Angel wants on every call and the envelope
 * {@code {status, message, errorcode, data}} turned into {@link AngelResult}s. Request bodies (PIN, TOTP, refresh
 * token) and headers (api key, JWT) never reach a message; Angel's own texts pass the redactor.
 */
@Singleton
public class AngelGateway {

    private static final Logger LOG = Logger.getLogger(AngelGateway.class);

    static final String LOGIN = "/rest/auth/angelbroking/user/v1/loginByPassword";
    static final String GENERATE_TOKENS = "/rest/auth/angelbroking/jwt/v1/generateTokens";
    static final String PROFILE = "/rest/secure/angelbroking/user/v1/getProfile";
    static final String LOGOUT = "/rest/secure/angelbroking/user/v1/logout";

    /** Invalid/expired/missing JWT, invalid/expired refresh token. */
    static final Set<String> TOKEN_CODES = Set.of("AG8001", "AG8002", "AG8003", "AB8050", "AB8051", "AB1010", "AB1011");
    /** "Something went wrong, please try after sometime", "Error not specified", "Internal error". */
    static final Set<String> TRANSIENT_CODES = Set.of("AB1004", "AB2000", "AB2001");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AngelConfig config;
    private final SecretRedactor redactor;
    private final MeterRegistry metrics;
    private final HttpClient http;
    private final Duration timeout;
    private final String baseUrl;
    /** Looked up on the first call only: with BROKER=kite this client is never used. */
    private volatile AngelHostInfo host;

    AngelGateway(AngelConfig config, AuthConfig authConfig, SecretRedactor redactor, MeterRegistry metrics) {
        this.config = config;
        this.redactor = redactor;
        this.metrics = metrics;
        this.timeout = authConfig.angel().timeout();
        this.baseUrl = config.apiUrl().endsWith("/")
                ? config.apiUrl().substring(0, config.apiUrl().length() - 1)
                : config.apiUrl();
        this.http = HttpClient.newBuilder()
                .executor(Infrastructure.getDefaultWorkerPool())
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public AngelResult<AngelResult.Tokens> login(String clientCode, String pin, String totp) {
        redactor.remember(pin);
        ObjectNode body = JSON.createObjectNode()
                .put("clientcode", clientCode)
                .put("password", pin)
                .put("totp", totp);
        return call("login", LOGIN, null, body, true, this::tokens);
    }

    public AngelResult<AngelResult.Tokens> generateTokens(String jwt, String refreshToken) {
        redactor.remember(refreshToken);
        ObjectNode body = JSON.createObjectNode().put("refreshToken", refreshToken);
        return call("refresh", GENERATE_TOKENS, jwt, body, false, this::tokens);
    }

    public AngelResult<AngelResult.Profile> profile(String jwt) {
        return call(
                "profile",
                PROFILE,
                jwt,
                null,
                false,
                data -> new AngelResult.Profile(text(data, "clientcode"), text(data, "name")));
    }

    public AngelResult<Boolean> logout(String jwt, String clientCode) {
        ObjectNode body = JSON.createObjectNode().put("clientcode", clientCode);
        return call("logout", LOGOUT, jwt, body, false, data -> Boolean.TRUE);
    }

    private AngelResult.Tokens tokens(JsonNode data) {
        String jwt = text(data, "jwtToken");
        if (jwt == null || jwt.isBlank()) {
            return null;
        }
        jwt = jwt.startsWith("Bearer ") ? jwt.substring(7) : jwt;
        AngelResult.Tokens tokens = new AngelResult.Tokens(jwt, text(data, "refreshToken"), text(data, "feedToken"));
        redactor.remember(tokens.jwt());
        redactor.remember(tokens.refreshToken());
        redactor.remember(tokens.feedToken());
        return tokens;
    }

    private <T> AngelResult<T> call(
            String operation, String path, String jwt, JsonNode body, boolean isLogin, Function<JsonNode, T> read) {
        if (jwt != null) {
            redactor.remember(jwt);
        }
        AngelHostInfo host = this.host;
        if (host == null) {
            host = this.host = AngelHostInfo.of(config);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-UserType", "USER")
                .header("X-SourceID", "WEB")
                .header("X-ClientLocalIP", host.localIp())
                .header("X-ClientPublicIP", host.publicIp())
                .header("X-MACAddress", host.macAddress())
                .header("X-PrivateKey", config.apiKey().orElse(""));
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        if (body == null) {
            request.GET();
        } else {
            request.POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return count(
                    operation,
                    new AngelResult.Unavailable<>(
                            safe("Angel One unreachable (" + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return count(operation, new AngelResult.Unavailable<>("interrupted while calling Angel One"));
        }
        return count(operation, classify(operation, response.statusCode(), response.body(), isLogin, read, redactor));
    }

    /** Angel's answer as an outcome; {@code isLogin}: a refusal of loginByPassword means the credentials. */
    static <T> AngelResult<T> classify(
            String operation,
            int status,
            String raw,
            boolean isLogin,
            Function<JsonNode, T> read,
            SecretRedactor redactor) {
        JsonNode envelope = parse(raw);
        String code = envelope == null ? null : text(envelope, "errorcode");
        String message = envelope == null ? null : text(envelope, "message");
        String described = redactor.redact("Angel One " + operation + ": "
                + (message == null || message.isBlank() ? (raw == null ? "" : raw.strip()) : message)
                + (code == null || code.isBlank() ? "" : " [" + code + "]")
                + " (HTTP " + status + ")");
        if (status == 429 || (raw != null && raw.toLowerCase().contains("exceeding access rate"))) {
            return new AngelResult.RateLimited<>(described);
        }
        if (status >= 500) {
            return new AngelResult.Unavailable<>(described);
        }
        if (envelope != null && envelope.path("status").asBoolean(false) && status < 300) {
            T value = envelope.hasNonNull("data") ? read.apply(envelope.get("data")) : null;
            return value != null
                    ? new AngelResult.Ok<>(value)
                    : new AngelResult.Unavailable<>(redactor.redact(
                            "Angel One " + operation + ": an answer without the expected data (HTTP " + status + ")"));
        }
        if (code != null && TOKEN_CODES.contains(code)) {
            return new AngelResult.TokenRejected<>(described);
        }
        if (code != null && TRANSIENT_CODES.contains(code)) {
            return new AngelResult.Unavailable<>(described);
        }
        if (isLogin && (envelope != null || status == 401 || status == 403)) {
            // any other refusal of a login: treat as the credentials, so that a doubt never burns PIN attempts
            return new AngelResult.CredentialsRefused<>(described);
        }
        if (!isLogin && (status == 401 || status == 403)) {
            return new AngelResult.TokenRejected<>(described);
        }
        return new AngelResult.Unavailable<>(described);
    }

    private static JsonNode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(raw);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private <T> AngelResult<T> count(String operation, AngelResult<T> result) {
        String outcome = switch (result) {
            case AngelResult.Ok<T> ok -> "ok";
            case AngelResult.CredentialsRefused<T> r -> "refused";
            case AngelResult.TokenRejected<T> r -> "token_rejected";
            case AngelResult.RateLimited<T> r -> "rate_limited";
            case AngelResult.Unavailable<T> r -> "unavailable";
        };
        metrics.counter("auth.angel.calls", "operation", operation, "outcome", outcome)
                .increment();
        if (!(result instanceof AngelResult.Ok<T>)) {
            LOG.debugf("Angel One %s: %s", operation, outcome);
        }
        return result;
    }

    private String safe(String text) {
        return redactor.redact(text);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
