package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.sim.Instrument;
import io.tickwarden.sim.InstrumentCatalog;
import io.tickwarden.testing.TickwardenSystem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system with {@code BROKER=angel} as real processes (redis-server, smartapi-sim, session, auth, feed and
 * this gateway, packaged): auth-service logs in to the sim by itself (no human), a client gets ticks under the same
 * symbols as with Kite (an NFO option named as kite-sim names it), and a JWT the sim expires costs one re-login and at
 * most two handshakes before ticks flow again. The session clock is pinned to a Monday in continuous trading.
 */
class AngelSystemIT {

    /** States the services reach within seconds (stale-after and backoffs of 2 s at most). */
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final String LIVE_INSTANT = "2026-11-23T10:00:00+05:30";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TickwardenSystem system;
    private static String option;

    @BeforeAll
    static void startSystem() {
        // A NIFTY option as Kite names it, from the universe both sims serve (smartapi-sim builds it for today, IST).
        InstrumentCatalog universe = InstrumentCatalog.build(LocalDate.now(ZoneId.of("Asia/Kolkata")), 120);
        option = "NFO:"
                + universe.all().stream()
                        .filter(i -> i.exchange().equals("NFO")
                                && i.name().equals("NIFTY")
                                && i.instrumentType().equals("CE"))
                        .min(Comparator.comparing(Instrument::expiry))
                        .orElseThrow()
                        .tradingsymbol();
        system = TickwardenSystem.create()
                .broker("angel")
                .with("smartapi-sim", "smartapi-sim.ticks-per-second", "2")
                .with("session-service", "session.clock-start", LIVE_INSTANT)
                .with("feed-service", "feed.watchlist", "NSE:INFY,NSE:NIFTY 50")
                .with("feed-service", "feed.stale-after", "3s")
                .with("feed-service", "feed.backoff-initial", "200ms")
                .with("feed-service", "feed.backoff-max", "1s")
                .with("gateway", "gateway.health.poll-interval", "500ms")
                .start("smartapi-sim", "session-service", "auth-service", "feed-service", "gateway");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void loginWithoutAHumanTicksUnderKiteSymbolsAndOneReloginAfterTheJwtDies() {
        // No call to /api/auth/login anywhere: auth-service logs in with the TOTP itself.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode health = get(system.url("gateway") + "/api/system/health");
            assertEquals("MARKET_SESSION", health.path("priority_status").asText(), health::toString);
            assertEquals("VALID", health.path("auth").path("state").asText(), health::toString);
            assertEquals("angel", health.path("feed").path("broker").asText(), health::toString);
        });
        assertTrue(sim("GET", "/sim/stats").path("logins").asInt() >= 1);

        try (WsClient client = WsClient.connect(URI.create(system.url("gateway")), TickwardenSystem.CLIENT_KEY)) {
            List<String> symbols = List.of("NSE:INFY", "NSE:NIFTY 50", option);
            client.send("{\"action\":\"subscribe\",\"mode\":\"quote\",\"symbols\":" + JSON.writeValueAsString(symbols)
                    + "}");
            await().atMost(WAIT).untilAsserted(() -> {
                for (String symbol : symbols) {
                    assertTrue(
                            client.ticks().stream()
                                    .anyMatch(
                                            t -> symbol.equals(t.path("symbol").asText())),
                            () -> "no tick of " + symbol + " yet; messages: " + client.messages.size());
                }
            });

            long version = get(system.url("auth-service") + "/api/auth/state")
                    .path("token_version")
                    .asLong();
            JsonNode before = sim("GET", "/sim/stats");
            sim("POST", "/sim/tokens/expire", "{\"drop_sockets\":true}");
            Instant expired = Instant.now();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertTrue(get(system.url("auth-service") + "/api/auth/state")
                                .path("token_version")
                                .asLong()
                        > version);
                assertTrue(client.ticks().stream()
                        .anyMatch(t -> "NSE:INFY".equals(t.path("symbol").asText())
                                && Instant.parse(t.path("received_at").asText()).isAfter(expired.plusMillis(200))));
            });
            JsonNode after = sim("GET", "/sim/stats");
            assertEquals(1, after.path("logins").asInt() - before.path("logins").asInt(), after::toString);
            int handshakes = after.path("ws_handshakes_total").asInt()
                    - before.path("ws_handshakes_total").asInt();
            assertTrue(handshakes >= 1 && handshakes <= 2, "handshakes after the expiry: " + handshakes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).build());
    }

    private static JsonNode sim(String method, String path) {
        return sim(method, path, null);
    }

    private static JsonNode sim(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(system.url("smartapi-sim") + path))
                .header("Content-Type", "application/json");
        return send(
                body == null
                        ? b.method(method, HttpRequest.BodyPublishers.noBody()).build()
                        : b.method(method, HttpRequest.BodyPublishers.ofString(body))
                                .build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), request.uri() + " -> " + r.body());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
