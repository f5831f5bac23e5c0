package io.tickwarden.feed.broker.angel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tickwarden.contracts.auth.AngelSessionCredential;
import io.tickwarden.feed.broker.BrokerCallException;
import io.tickwarden.feed.config.AngelSettings;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * SmartAPI REST through the JDK's HttpClient: the quote endpoint (mode FULL) for the fallback and the instrument
 * master download. Blocking: worker threads only. Answers in our terms: HTTP 401/403 or an
 * {@code AG8001}/{@code AG8002}/{@code AG8003} envelope (invalid, expired, missing token) is a token refusal; HTTP 429
 * or Angel's "exceeding access rate" answer is a rate limit (code 429), never a refusal. Messages never hold the JWT.
 */
@Singleton
class AngelRest {

    static final String QUOTE_PATH = "/rest/secure/angelbroking/market/v1/quote";
    private static final Set<String> TOKEN_ERRORS = Set.of("AG8001", "AG8002", "AG8003");

    private final AngelSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .executor(Infrastructure.getDefaultWorkerPool())
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    AngelRest(AngelSettings settings) {
        this.settings = settings;
    }

    /** {@code data.fetched} of a FULL quote of {@code encodedTokens} (at most 50 a call: the caller batches). */
    JsonNode quotes(AngelSessionCredential session, Collection<Long> encodedTokens) throws BrokerCallException {
        ObjectNode body = json.createObjectNode().put("mode", "FULL");
        ObjectNode byExchange = body.putObject("exchangeTokens");
        TreeMap<Integer, ArrayNode> lists = new TreeMap<>();
        for (long t : encodedTokens) {
            int type = AngelTokens.exchangeType(t);
            AngelExchange e = AngelExchange.ofType(type).orElseThrow();
            lists.computeIfAbsent(type, k -> byExchange.putArray(e.code())).add(AngelTokens.token(t));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.apiUrl() + QUOTE_PATH))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + session.jwt())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-UserType", "USER")
                .header("X-SourceID", "WEB")
                .header("X-ClientLocalIP", settings.localIp())
                .header("X-ClientPublicIP", settings.publicIp())
                .header("X-MACAddress", settings.macAddress())
                .header("X-PrivateKey", settings.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(), "quote");
        JsonNode envelope = readEnvelope(response.body());
        BrokerCallException refused = refusal(response.statusCode(), envelope, response.body());
        if (refused != null) {
            throw refused;
        }
        return envelope.path("data").path("fetched");
    }

    /** The instrument master, stream-parsed as it downloads (no session needed: Angel publishes it openly). */
    List<AngelMaster.Row> instruments() throws BrokerCallException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.instrumentsUrl()))
                .timeout(Duration.ofMinutes(3))
                .GET()
                .build();
        HttpResponse<InputStream> response =
                send(request, HttpResponse.BodyHandlers.ofInputStream(), "instrument master");
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new BrokerCallException(
                        response.statusCode(),
                        false,
                        "instrument master download answered HTTP " + response.statusCode());
            }
            return AngelMaster.read(in);
        } catch (IOException e) {
            throw new BrokerCallException(
                    0, false, "instrument master unreadable: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Angel's answer in our terms, or null when it is a success: a token refusal, a rate limit, or another failure
     * with Angel's code and message (which never echo the JWT).
     */
    static BrokerCallException refusal(int status, JsonNode envelope, String body) {
        String code = envelope == null ? "" : envelope.path("errorcode").asText("");
        String message = envelope == null ? "" : envelope.path("message").asText("");
        String raw = body == null ? "" : body.toLowerCase(Locale.ROOT);
        if (status == 429 || raw.contains("exceeding access rate")) {
            return new BrokerCallException(429, false, "quote rate-limited by Angel (HTTP " + status + ")");
        }
        if (status == 401 || status == 403 || TOKEN_ERRORS.contains(code)) {
            return new BrokerCallException(
                    status == 200 ? 401 : status,
                    true,
                    "quote refused the session (HTTP " + status + (code.isEmpty() ? "" : ", " + code) + ")");
        }
        if (status != 200 || envelope == null || !envelope.path("status").asBoolean(false)) {
            return new BrokerCallException(
                    status,
                    false,
                    "quote failed (HTTP " + status + (code.isEmpty() ? "" : ", " + code)
                            + (message.isEmpty() ? "" : ": " + clip(message)) + ")");
        }
        return null;
    }

    private JsonNode readEnvelope(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String what)
            throws BrokerCallException {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new BrokerCallException(
                    0, false, what + " call failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerCallException(0, false, what + " call interrupted");
        }
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) : s;
    }
}
