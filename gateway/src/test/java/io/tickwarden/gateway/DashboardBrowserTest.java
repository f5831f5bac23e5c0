package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tickwarden.gateway.support.Chromium;
import io.tickwarden.gateway.support.Fixtures;
import io.tickwarden.gateway.support.GatewayReady;
import io.tickwarden.gateway.support.LongStaleAfterProfile;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The dashboard in headless Chromium: Login while auth is required; once auth is valid and the feed flows, the
 * ticker table shows prices that update, delivered by the JavaScript client (clients/js) the page imports from
 * {@code /js/tickwarden-client.mjs}. Skipped when Debian's chromium/chromedriver are not installed.
 * (The real login round trip through kite-sim and auth-service belongs to the system test.) The fixtures are
 * written once, so they must stay fresh for the whole test, browser start-up included ({@link LongStaleAfterProfile}).
 */
@QuarkusTest
@TestProfile(LongStaleAfterProfile.class)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class DashboardBrowserTest {

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    /** Page load, WebSocket and status updates in headless Chromium on a busy machine: seconds at worst. */
    private static final Duration UI_WAIT = Duration.ofSeconds(30);

    private WebDriver driver;
    private Path profile;

    @BeforeEach
    void browser() throws IOException {
        assumeTrue(Chromium.available(), Chromium.MISSING);
        profile = Files.createTempDirectory("gateway-chromium");
        driver = Chromium.start(profile);
    }

    @AfterEach
    void quit() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void loginBannerThenLivePrices() throws Exception {
        // Ticks are published below: they must not go out before the gateway listens.
        GatewayReady.subscribed();
        Instant now = Instant.now();
        redis.command("SET", "market:session:NSE", Fixtures.session("LIVE", "CLOSING_AUCTION", 3600, now));
        redis.command("SET", "auth:state", Fixtures.auth("EXPIRED", now));
        redis.command("SET", "feed:state", Fixtures.feed("AUTH_BLOCKED", "NONE", false, now));
        redis.command("DEL", "feed:quotes");

        driver.get(base.resolve("/?token=demo-key&symbols=NSE:INFY,NSE:TCS").toString());
        await().atMost(UI_WAIT).untilAsserted(() -> {
            assertEquals("AUTH_REQUIRED", text("banner-title"));
            assertTrue(driver.findElement(By.id("login-button")).isDisplayed());
        });
        String href = driver.findElement(By.id("login-button")).getAttribute("href");
        assertTrue(href.endsWith("/api/auth/login"), href);
        assertTrue(driver.findElement(By.id("banner")).getAttribute("class").contains("red"));

        // The login succeeded (auth-service writes VALID) and the feed connects and ticks.
        Instant later = Instant.now();
        redis.command("SET", "auth:state", Fixtures.auth("VALID", later));
        redis.command("SET", "feed:state", Fixtures.feed("CONNECTED", "WEBSOCKET", true, later));
        redis.command(
                "PUBLISH", "auth.state", "{\"type\":\"auth_state_changed\",\"from\":\"EXPIRED\",\"to\":\"VALID\"}");
        await().atMost(UI_WAIT).untilAsserted(() -> {
            assertTrue(!driver.findElement(By.id("login-button")).isDisplayed());
            assertEquals("Market open", text("banner-title"));
        });

        long[] seq = {100};
        await().atMost(UI_WAIT).until(() -> {
            seq[0]++;
            Fixtures.publish(
                    redis,
                    List.of(
                            Fixtures.tick("NSE:INFY", 408065, seq[0], 1500.25),
                            Fixtures.tick("NSE:TCS", 2953217, seq[0], 3200.5)));
            return "1500.25".equals(price("NSE:INFY")) && "3200.50".equals(price("NSE:TCS"));
        });
        await().atMost(UI_WAIT).until(() -> {
            seq[0]++;
            Fixtures.publish(redis, List.of(Fixtures.tick("NSE:INFY", 408065, seq[0], 1511.75)));
            return "1511.75".equals(price("NSE:INFY"));
        });
        assertTrue(driver.findElement(By.cssSelector("tr[data-symbol='NSE:INFY'] .change"))
                .getText()
                .startsWith("+"));
        assertThePageLoadedTheClientModule();

        driver.findElement(By.cssSelector("#details summary")).click();
        await().atMost(UI_WAIT)
                .untilAsserted(() -> assertTrue(
                        driver.findElement(By.id("details-body")).getText().contains("CONNECTED")));
    }

    @Test
    void showsTheBrokerAndNoLoginButtonForAngel() {
        GatewayReady.subscribed();
        Instant now = Instant.now();
        redis.command("SET", "market:session:NSE", Fixtures.session("LIVE", "CLOSING_AUCTION", 3600, now));
        redis.command("SET", "auth:state", Fixtures.auth("VALID", now));
        redis.command("SET", "feed:state", Fixtures.feedWithSegments("CONNECTED", "WEBSOCKET", true, now, Map.of()));

        driver.get(base.resolve("/?token=demo-key&symbols=NSE:INFY").toString());
        await().atMost(UI_WAIT).untilAsserted(() -> assertEquals("Broker: Zerodha Kite Connect", text("broker")));

        // Angel One: auth-service logs in by itself, so AUTH_REQUIRED offers no Login button (the message says why).
        Instant later = Instant.now();
        redis.command("SET", "auth:state", Fixtures.auth("REQUIRED", later));
        redis.command(
                "SET",
                "feed:state",
                Fixtures.feedWithSegments("AUTH_BLOCKED", "NONE", false, later, Map.of())
                        .replace("\"broker\":\"kite\"", "\"broker\":\"angel\""));
        redis.command(
                "PUBLISH", "auth.state", "{\"type\":\"auth_state_changed\",\"from\":\"VALID\",\"to\":\"REQUIRED\"}");
        await().atMost(UI_WAIT).untilAsserted(() -> {
            assertEquals("AUTH_REQUIRED", text("banner-title"));
            assertEquals("Broker: Angel One SmartAPI", text("broker"));
            assertTrue(!driver.findElement(By.id("login-button")).isDisplayed());
        });
    }

    @Test
    void candleChartOfAClickedSymbolUpdatesWhenAMinuteCloses() throws Exception {
        GatewayReady.subscribed();
        Instant now = Instant.now();
        redis.command("SET", "market:session:NSE", Fixtures.session("LIVE", "CLOSING_AUCTION", 3600, now));
        redis.command("SET", "auth:state", Fixtures.auth("VALID", now));
        redis.command("SET", "feed:state", Fixtures.feed("CONNECTED", "WEBSOCKET", true, now));
        // The dashboard asks for today's candles up to now (IST), so the test's three minutes are the first of the
        // last whole 5-minute bucket before now; fixed minutes such as 09:15 lie in the future before 09:15 IST.
        LocalDateTime bucket = lastWholeFiveMinutesIst();
        String today = bucket.toLocalDate().toString();
        String m1 = hhmm(bucket);
        String m2 = hhmm(bucket.plusMinutes(1));
        String m3 = hhmm(bucket.plusMinutes(2));
        String key = "feed:candles:NSE:INFY:" + today;
        redis.command("DEL", key);
        redis.command("HSET", key, m1, Fixtures.candle(today, m1, 100, 102));
        redis.command("HSET", key, m2, Fixtures.candle(today, m2, 102, 101));
        try {
            driver.get(base.resolve("/?token=demo-key&symbols=NSE:INFY,NSE:TCS").toString());
            await().atMost(UI_WAIT)
                    .until(() -> !driver.findElements(By.cssSelector("tr[data-symbol='NSE:INFY']"))
                            .isEmpty());
            driver.findElement(By.cssSelector("tr[data-symbol='NSE:INFY']")).click();
            await().atMost(UI_WAIT).untilAsserted(() -> {
                assertEquals("NSE:INFY · 1m", text("chart-title"));
                assertEquals("2", chartData("candles"));
            });
            assertThePageLoadedTheClientModule();
            var canvas = driver.findElement(By.cssSelector("#chart canvas"));
            assertTrue(canvas.getSize().getWidth() > 0 && canvas.getSize().getHeight() > 0);

            // The feed's next minute, written and published as the feed does: 09:16 closes, 09:17 forms; the chart
            // follows without a reload.
            redis.command("HSET", key, m3, Fixtures.candle(today, m3, 101, 105.5));
            await().atMost(UI_WAIT).untilAsserted(() -> {
                redis.command("PUBLISH", "feed.candles", Fixtures.candleUpdate(today, "NSE:INFY", m3, 101, 105.5));
                assertEquals("3", chartData("candles"), () -> text("chart-info") + " / " + text("connection"));
                assertEquals("105.5", chartData("lastClose"), () -> text("chart-info") + " / " + debugCandles());
                assertTrue(Integer.parseInt(chartData("closed")) >= 1);
            });
            assertTrue(text("chart-info").contains("last close 105.50"), text("chart-info"));

            // 5-minute candles of the same minutes: one, from 100 to 105.5.
            driver.findElement(By.cssSelector("#chart-intervals button[data-interval='5m']"))
                    .click();
            await().atMost(UI_WAIT).untilAsserted(() -> {
                assertEquals("NSE:INFY · 5m", text("chart-title"));
                assertEquals("1", chartData("candles"));
                assertEquals("105.5", chartData("lastClose"));
            });
        } finally {
            redis.command("DEL", key);
        }
    }

    /**
     * The start of the last whole 5-minute bucket before now, in IST, on today's date: in the first five minutes after
     * midnight IST there is none yet, so the test waits for it (at most once a day, a few minutes).
     */
    private static LocalDateTime lastWholeFiveMinutesIst() {
        ZoneId ist = ZoneId.of("Asia/Kolkata");
        await().atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !LocalTime.now(ist).isBefore(LocalTime.of(0, 5, 30)));
        LocalDateTime now = LocalDateTime.now(ist).truncatedTo(ChronoUnit.MINUTES);
        return now.withMinute(now.getMinute() / 5 * 5).minusMinutes(5);
    }

    private static String hhmm(LocalDateTime t) {
        return t.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm"));
    }

    /**
     * The page's WebSocket protocol is the client module's, served by the gateway itself as JavaScript (a module
     * script of another MIME type would not run at all).
     */
    private void assertThePageLoadedTheClientModule() throws Exception {
        Object loaded = ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
                        + ".filter(p => p === '/js/tickwarden-client.mjs').length");
        assertEquals(1L, ((Number) loaded).longValue(), "the dashboard loads /js/tickwarden-client.mjs once");
        HttpResponse<String> module = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve("/js/tickwarden-client.mjs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, module.statusCode());
        assertTrue(
                module.headers().firstValue("Content-Type").orElse("").contains("javascript"),
                module.headers().toString());
        assertTrue(module.body().contains("export class TickwardenClient"));
    }

    private String debugCandles() {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return JSON.stringify(Object.assign({}, document.getElementById('chart').dataset))"));
    }

    private String chartData(String name) {
        return driver.findElement(By.id("chart"))
                .getDomAttribute("data-" + name.replaceAll("([A-Z])", "-$1").toLowerCase());
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private String price(String symbol) {
        List<org.openqa.selenium.WebElement> cells =
                driver.findElements(By.cssSelector("tr[data-symbol='" + symbol + "'] .price"));
        return cells.isEmpty() ? null : cells.get(0).getText();
    }
}
