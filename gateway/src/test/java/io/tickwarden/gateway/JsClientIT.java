package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tickwarden.contracts.Ist;
import io.tickwarden.gateway.support.Chromium;
import io.tickwarden.gateway.support.JsClientProject;
import io.tickwarden.testing.TickwardenSystem;
import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The JavaScript client ({@code clients/js}) under Node against the whole system as real processes: its
 * {@code test/system.test.mjs} checks a refused key, live ticks, recovery by position across a gateway restart and a
 * slow consumer's 4008 with delivery=all. The Node test asks this IT to restart the gateway through a small HTTP
 * endpoint ({@code POST /restart-gateway}), since only the IT owns the process. Fails with Node's output. Skipped,
 * loudly, without node and npm. The dashboard, which runs on the same client, is driven in headless Chromium here too:
 * its candle chart follows candles the feed builds from kite-sim's ticks, and closes a minute when kite-sim's
 * simulated clock moves on.
 */
class JsClientIT {

    private static final Duration STATE_WAIT = Duration.ofSeconds(60);
    private static final String LIVE_INSTANT = "2026-11-23T10:00:00+05:30";
    private static final String SYMBOLS = "NSE:INFY,NSE:RELIANCE,NSE:TCS,NSE:HDFCBANK,NSE:ICICIBANK,NSE:SBIN,NSE:ITC,"
            + "NSE:LT,NSE:AXISBANK,NSE:KOTAKBANK,NSE:BHARTIARTL";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TickwardenSystem system;
    private static HttpServer control;

    @BeforeAll
    static void startSystem() throws Exception {
        JsClientProject.installOrSkip("JsClientIT");
        system = TickwardenSystem.create()
                .with("kite-sim", "kite-sim.ticks-per-second", "2")
                .with("session-service", "session.clock-start", LIVE_INSTANT)
                .with("feed-service", "feed.watchlist", SYMBOLS)
                .with("feed-service", "feed.rest-fallback-enabled", "false")
                // Room for what a stalled client misses at 100 ticks/s before it is closed and reconnects.
                .with("feed-service", "feed.history.max-ticks", "5000")
                .with("gateway", "gateway.recovery.max-replay-ticks", "5000")
                // A client that stops reading is closed after 200 ticks queued, or 2 s blocked.
                .with("gateway", "gateway.ws.all-queue-ticks", "200")
                .with("gateway", "gateway.ws.slow-consumer-timeout", "2s")
                .start("kite-sim", "session-service", "auth-service", "feed-service", "gateway");
        loginOverHttp();
        await().atMost(STATE_WAIT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> "MARKET_SESSION"
                        .equals(JSON.readTree(get(system.url("gateway") + "/api/system/health"))
                                .path("priority_status")
                                .asText()));
        control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/restart-gateway", JsClientIT::restartGateway);
        control.start();
    }

    @AfterAll
    static void stopSystem() {
        if (control != null) {
            control.stop(0);
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theJavaScriptClientPassesItsSystemTests() throws Exception {
        Map<String, String> env = Map.of(
                "TICKWARDEN_URL",
                system.url("gateway"),
                "TICKWARDEN_API_KEY",
                TickwardenSystem.CLIENT_KEY,
                "TICKWARDEN_CONTROL_URL",
                "http://127.0.0.1:" + control.getAddress().getPort(),
                "TICKWARDEN_KITE_SIM_URL",
                system.url("kite-sim"));
        JsClientProject.Run run = JsClientProject.test(List.of("test/system.test.mjs"), env, 300);
        System.out.println("JsClientIT: node --test test/system.test.mjs\n" + run.output());
        assertEquals(0, run.exitCode(), () -> "node --test test/system.test.mjs failed:\n" + run.output());
        assertTrue(run.output().contains("# pass 4"), () -> "expected 4 passing Node tests:\n" + run.output());
    }

    /**
     * The candle chart on the whole system: kite-sim's clock is moved to a minute half an hour ahead, the feed builds
     * that minute's candle from the ticks' exchange timestamps and the chart shows it; a second jump of half an hour
     * (a minute no real time can reach during the test) closes the chart's minute live, without a reload.
     */
    @Test
    void theDashboardCandleChartClosesAMinuteWhenTheSimulatedClockMovesOn() throws Exception {
        assumeTrue(Chromium.available(), Chromium.MISSING);
        LocalTime ist = ZonedDateTime.now(Ist.ZONE).toLocalTime();
        // An hour ahead must stay within the IST day the gateway serves, and before kite-sim's 06:00 expiry.
        assumeTrue(
                ist.isAfter(LocalTime.of(6, 5)) && ist.isBefore(LocalTime.of(22, 30)),
                "the clock jumps would cross 06:00 or midnight IST");
        long minute = moveSimClockToAMinuteAhead(Duration.ofMinutes(30));
        Path profile = Files.createTempDirectory("jsclient-chromium");
        WebDriver driver = Chromium.start(profile);
        try {
            driver.get(system.url("gateway") + "/?token=" + TickwardenSystem.CLIENT_KEY + "&symbols=NSE:INFY");
            await().atMost(STATE_WAIT)
                    .until(() -> !driver.findElements(By.cssSelector("tr[data-symbol='NSE:INFY']"))
                            .isEmpty());
            driver.findElement(By.cssSelector("tr[data-symbol='NSE:INFY']")).click();
            // The jumped-to minute, or the one after it if the page took that long.
            await().atMost(STATE_WAIT).untilAsserted(() -> assertTrue(lastStart(driver) >= minute, chartInfo(driver)));
            int closedBefore = Integer.parseInt(chartData(driver, "closed"));

            long later = moveSimClockToAMinuteAhead(Duration.ofMinutes(30));
            await().atMost(STATE_WAIT).untilAsserted(() -> {
                assertEquals(later, lastStart(driver), () -> chartInfo(driver));
                assertTrue(Integer.parseInt(chartData(driver, "closed")) > closedBefore, () -> chartInfo(driver));
            });
        } finally {
            driver.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** The start (epoch seconds) of the chart's newest candle, or 0. */
    private static long lastStart(WebDriver driver) {
        String v = chartData(driver, "lastStart");
        return v == null || v.isEmpty() ? 0 : Long.parseLong(v);
    }

    /**
     * Moves kite-sim's clock to 2 s past the start of the minute {@code ahead} of its current minute and returns that
     * minute's start in epoch seconds (the chart's x value).
     */
    private static long moveSimClockToAMinuteAhead(Duration ahead) throws Exception {
        JsonNode clock = JSON.readTree(get(system.url("kite-sim") + "/sim/clock"));
        Instant now = Instant.parse(clock.path("now").asText());
        Instant target = now.truncatedTo(ChronoUnit.MINUTES).plus(ahead);
        long offset = clock.path("offset_seconds").asLong()
                + Duration.between(now, target.plusSeconds(2)).toSeconds();
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(system.url("kite-sim") + "/sim/clock"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"offset_seconds\":" + offset + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return target.getEpochSecond();
    }

    private static String chartData(WebDriver driver, String name) {
        return driver.findElement(By.id("chart"))
                .getDomAttribute("data-" + name.replaceAll("([A-Z])", "-$1").toLowerCase());
    }

    private static String chartInfo(WebDriver driver) {
        return driver.findElement(By.id("chart-info")).getText();
    }

    /** SIGTERM (clients get 1001), then the same gateway again on the same port, answered once it is ready. */
    private static void restartGateway(HttpExchange exchange) throws IOException {
        int status = 200;
        String body = "restarted";
        try {
            system.app("gateway").stop();
            system.app("gateway").start();
        } catch (RuntimeException e) {
            status = 500;
            body = "restart failed: " + e;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The login round trip a browser follows (auth-service, kite-sim's login page, the callback), with cookies. */
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

    private static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
