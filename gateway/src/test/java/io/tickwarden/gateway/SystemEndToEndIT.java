package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.gateway.support.Chromium;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.TickwardenSystem;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The whole system as real processes (redis-server, kite-sim, session, auth, feed and this gateway, packaged):
 * every health priority is produced by driving real states through kite-sim and the services, and the dashboard
 * goes through the real login round trip in headless Chromium (when Chromium is installed; otherwise the same
 * redirects are followed over HTTP). The session clock is pinned to a Monday in continuous trading.
 *
 * <p>It is one scenario, the life of one login, in one test: "before any login" can only be seen before the login,
 * and the token expiry at the end ends that login. Each step waits for the state it starts from, so no step relies on
 * how long the previous one took.
 */
class SystemEndToEndIT {

    /** Waits for a state the services reach within a few seconds (feed stale-after and backoffs of 2 s at most). */
    private static final Duration STATE_WAIT = Duration.ofSeconds(60);
    /** Waits for the browser (page loads, login redirects, a price change at 2 ticks/s). */
    private static final Duration BROWSER_WAIT = Duration.ofSeconds(60);

    private static final String LIVE_INSTANT = "2026-11-23T10:00:00+05:30";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TickwardenSystem system;

    @BeforeAll
    static void startSystem() {
        system = TickwardenSystem.create()
                .with("kite-sim", "kite-sim.ticks-per-second", "2")
                .with("session-service", "session.clock-start", LIVE_INSTANT)
                .with("feed-service", "feed.watchlist", "NSE:INFY,NSE:NIFTY 50")
                .with("feed-service", "feed.rest-fallback-enabled", "false")
                .with("feed-service", "feed.stale-after", "2s")
                .with("feed-service", "feed.heartbeat-timeout", "2s")
                .with("feed-service", "feed.backoff-initial", "200ms")
                .with("feed-service", "feed.backoff-max", "1s")
                .with("gateway", "gateway.health.poll-interval", "500ms")
                .start("kite-sim", "session-service", "auth-service", "feed-service", "gateway");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void oneLoginThroughEveryPriority() throws Exception {
        beforeAnyLoginTheStatusIsAuthRequired();
        loginRoundTripThroughKiteSimThenLivePricesOnTheDashboard();
        healthySystemIsMarketSessionAndClientsGetTicks();
        refusedWebSocketDuringLiveWithoutFallbackIsFeedDisconnected();
        expiredTokenIsAuthRequired();
    }

    private static void beforeAnyLoginTheStatusIsAuthRequired() {
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode health = health();
            assertEquals("AUTH_REQUIRED", health.path("priority_status").asText(), health::toString);
            assertEquals("LIVE", health.path("market").path("phase").asText(), health::toString);
            assertTrue(health.path("auth").path("requires_login").asBoolean(), health::toString);
        });
    }

    private static void loginRoundTripThroughKiteSimThenLivePricesOnTheDashboard() throws Exception {
        if (Chromium.available()) {
            loginInTheBrowserAndWatchPrices();
        } else {
            System.out.println(
                    "SystemEndToEndIT: no Chromium (" + Chromium.MISSING + "); logging in over HTTP instead");
            loginOverHttp();
        }
        awaitPriority("MARKET_SESSION");
    }

    private static void healthySystemIsMarketSessionAndClientsGetTicks() {
        awaitPriority("MARKET_SESSION");
        try (WsClient client = WsClient.connect(URI.create(system.url("gateway")), TickwardenSystem.CLIENT_KEY)) {
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\"],\"mode\":\"quote\"}");
            // kite-sim ticks twice a second.
            await().atMost(STATE_WAIT)
                    .until(() -> client.messages.stream()
                            .anyMatch(m -> m.path("type").asText().startsWith("tick")));
            candlesAgreeWithTheTicks(client);
        }
    }

    /**
     * {@code GET /api/candles} serves the candles the feed built from these very ticks: the newest 1-minute candle
     * closes at a price this client received (the feed writes candles once a second, so it may take a moment).
     */
    private static void candlesAgreeWithTheTicks(WsClient client) {
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            java.util.List<JsonNode> ticks = client.ticks();
            JsonNode last = ticks.get(ticks.size() - 1);
            String at = last.hasNonNull("exchange_timestamp")
                    ? last.path("exchange_timestamp").asText()
                    : last.path("received_at").asText();
            String day = at.substring(0, 10);
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(system.url("gateway")
                                    + "/api/candles?symbol=NSE:INFY&interval=1m&from=" + day + "&to=" + day))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode candles = JSON.readTree(r.body()).path("candles");
            assertTrue(candles.size() > 0, r.body());
            JsonNode newest = candles.get(candles.size() - 1);
            double close = newest.path("close").asDouble();
            assertTrue(
                    newest.path("low").asDouble() <= close
                            && close <= newest.path("high").asDouble(),
                    r.body());
            assertTrue(
                    client.ticks().stream().anyMatch(t -> t.path("last_price").asDouble() == close),
                    () -> "newest candle " + newest + " closes at a price no tick had");
        });
        // And live: the feed's candle changes reach a candle subscription (feed.candles -> gateway -> client).
        client.send("{\"action\":\"subscribe_candles\",\"symbols\":[\"NSE:INFY\"],\"interval\":\"1m\"}");
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            java.util.List<JsonNode> live = client.messages.stream()
                    .filter(m -> "candle".equals(m.path("type").asText())
                            && !m.path("closed").asBoolean())
                    .toList();
            assertTrue(live.size() >= 2, "a forming candle on subscribe and at least one change: " + live);
            double close =
                    live.get(live.size() - 1).path("candle").path("close").asDouble();
            assertTrue(
                    client.ticks().stream().anyMatch(t -> t.path("last_price").asDouble() == close),
                    () -> "candle message closes at " + close + ", a price no tick had");
        });
    }

    private static void refusedWebSocketDuringLiveWithoutFallbackIsFeedDisconnected() {
        sim("POST", "/sim/faults", "{\"kind\":\"reject_500\"}");
        sim("POST", "/sim/faults", "{\"kind\":\"drop\"}");
        try {
            awaitPriority("FEED_DISCONNECTED");
            assertTrue(health().path("priority_message").asText().length() > 0);
        } finally {
            sim("DELETE", "/sim/faults/reject_500", null);
        }
        awaitPriority("MARKET_SESSION");
    }

    private static void expiredTokenIsAuthRequired() throws Exception {
        sim("POST", "/sim/tokens/expire", null);
        HttpResponse<String> verify = HTTP.send(
                HttpRequest.newBuilder(URI.create(system.url("gateway") + "/api/system/health/auth/verify"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, verify.statusCode(), verify.body());
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode health = health();
            assertEquals("AUTH_REQUIRED", health.path("priority_status").asText(), health::toString);
            assertEquals("EXPIRED", health.path("auth").path("state").asText(), health::toString);
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static void loginInTheBrowserAndWatchPrices() throws IOException {
        Path profile = Files.createTempDirectory("e2e-chromium");
        WebDriver driver = Chromium.start(profile);
        try {
            driver.get(system.url("gateway") + "/?token=" + TickwardenSystem.CLIENT_KEY
                    + "&symbols=NSE:INFY,NSE:NIFTY 50");
            await().atMost(BROWSER_WAIT).untilAsserted(() -> {
                assertTrue(driver.findElement(By.id("login-button")).isDisplayed());
                assertEquals(
                        "AUTH_REQUIRED",
                        driver.findElement(By.id("banner-title")).getText());
            });
            driver.findElement(By.id("login-button")).click();
            // auth-service -> kite-sim login page -> auth-service callback -> back to the dashboard.
            await().atMost(BROWSER_WAIT)
                    .until(() -> driver.getCurrentUrl().startsWith(system.url("gateway"))
                            && !driver.findElement(By.id("login-button")).isDisplayed());
            String first = await().atMost(BROWSER_WAIT)
                    .until(
                            () -> price(driver, "NSE:INFY"),
                            p -> p != null && !p.isBlank() && !p.equals("–") && !p.equals("-"));
            await().atMost(BROWSER_WAIT).until(() -> {
                String now = price(driver, "NSE:INFY");
                return now != null && !now.equals(first);
            });
        } finally {
            driver.quit();
        }
    }

    private static String price(WebDriver driver, String symbol) {
        var cells = driver.findElements(By.cssSelector("tr[data-symbol='" + symbol + "'] .price"));
        return cells.isEmpty() ? null : cells.get(0).getText();
    }

    /** The same redirects a browser follows, with a cookie jar. */
    private static void loginOverHttp() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .cookieHandler(new CookieManager())
                .build();
        HttpResponse<String> end = browser.send(
                HttpRequest.newBuilder(URI.create(system.url("auth-service") + "/api/auth/login"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, end.statusCode());
        assertTrue(
                end.uri().toString().startsWith(system.url("gateway")),
                end.uri().toString());
    }

    private static JsonNode health() {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(system.url("gateway") + "/api/system/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitPriority(String expected) {
        await().atMost(STATE_WAIT)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() ->
                        assertEquals(expected, health().path("priority_status").asText(), () -> "health: " + health()));
    }

    private static void sim(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(system.url("kite-sim") + path))
                    .header("Content-Type", "application/json");
            b = body == null
                    ? b.method(method, HttpRequest.BodyPublishers.noBody())
                    : b.method(method, HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + " -> " + r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
