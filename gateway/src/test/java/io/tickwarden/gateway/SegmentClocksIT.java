package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.TickwardenSystem;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.ResponseType;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every instrument on its own segment's clock, through the whole system as real processes (redis-server, kite-sim,
 * session, auth, feed and this gateway, packaged): with NSE cash closed and MCX trading, a watchlist of NSE and MCX
 * instruments keeps the upstream socket open, MCX ticks reach a gateway client, tick silence is a stall of the MCX
 * segment only, and when MCX closes too the socket is closed cleanly.
 *
 * <p>Each case pins session-service's clock (1x from {@code session.clock-start}) and starts session-service and
 * feed-service afresh at that instant (the feed only after session-service published its snapshots, so it never
 * acts on the previous case's clock): the cases do not depend on each other's order, and each one is "the feed at
 * this time of day" - a feed started (deployed, restarted, failed over) in the evening must serve MCX as well as one
 * that has run since the morning. kite-sim, auth-service (one login for the class) and the gateway run throughout. The feed's
 * state changes are followed on {@code feed.state} (a STALE lasts only until the next connect attempt); its log is
 * appended to every failure.
 *
 * <p>Days, checked against {@code session-service/src/main/resources/calendar/}: Friday 2026-11-20 (no holiday; US
 * daylight saving over since Nov 1, so MCX trades until 23:55) and Wednesday 2026-07-15 (no holiday; US daylight
 * saving in force, so MCX closes at 23:30). NSE cash closes at 15:30 (POST_CLOSE to 16:00), so it is CLOSED at
 * 19:00 and 23:40.
 */
class SegmentClocksIT {

    /** Waits for a state the services reach within seconds (backoff 1 s at most, stale-after 3 s). */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(200);
    /** The feed's tick-silence threshold; heartbeats (kite-sim: every 250 ms) are judged after 2 s. */
    private static final Duration STALE_AFTER = Duration.ofSeconds(3);

    private static final String NOVEMBER_EVENING = "2026-11-20T19:00:00+05:30";
    private static final String NOVEMBER_LATE = "2026-11-20T23:40:00+05:30";
    private static final String JULY_LATE = "2026-07-15T23:40:00+05:30";
    /** 45 s (simulated, at 1x) before MCX's 23:30 close under US daylight saving: time to start and connect. */
    private static final String JULY_BEFORE_CLOSE = "2026-07-15T23:29:15+05:30";

    private static final List<String> NSE_SYMBOLS = List.of("NSE:INFY", "NSE:NIFTY 50");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TickwardenSystem system;
    /** The nearest CRUDEOIL future in kite-sim's dump, e.g. {@code MCX:CRUDEOIL26DECFUT}. */
    private static String mcxFuture;

    private static Vertx vertx;
    private static RedisConnection subscriber;
    /** {@code feed.state} messages, of every feed instance, in arrival order. */
    private static final List<JsonNode> transitions = new CopyOnWriteArrayList<>();

    /** This case's feed instance (its transitions are the ones that count). */
    private String instance;

    private WsClient client;

    @BeforeAll
    static void startSystem() throws Exception {
        system = TickwardenSystem.create()
                .with("kite-sim", "kite-sim.ticks-per-second", "2")
                .with("kite-sim", "kite-sim.heartbeat-interval", "250ms")
                .start("kite-sim");
        mcxFuture = nearestMcxFuture();
        system.with("session-service", "session.clock-start", NOVEMBER_EVENING)
                .with("feed-service", "feed.schedule", "market-hours")
                .with("feed-service", "feed.watchlist", String.join(",", NSE_SYMBOLS) + "," + mcxFuture)
                .with("feed-service", "feed.stale-after", STALE_AFTER.toMillis() + "ms")
                .with("feed-service", "feed.heartbeat-timeout", "2s")
                .with("feed-service", "feed.backoff-initial", "200ms")
                .with("feed-service", "feed.backoff-max", "1s")
                .with("feed-service", "feed.rest-fallback-enabled", "false")
                // The feed starts in each case, after session-service: see restartAt.
                .start("session-service", "auth-service", "gateway");
        vertx = Vertx.vertx();
        subscriber = Redis.createClient(vertx, system.redis().url())
                .connect()
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        subscriber.handler(msg -> {
            if (msg.type() == ResponseType.PUSH && "message".equals(msg.get(0).toString())) {
                try {
                    transitions.add(JSON.readTree(msg.get(2).toString()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        subscriber
                .send(Request.cmd(Command.SUBSCRIBE).arg("feed.state"))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        loginOverHttp();
    }

    @AfterAll
    static void stopSystem() {
        if (vertx != null) {
            vertx.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
        sim("DELETE", "/sim/faults/silence", null);
    }

    // ---- the cases -------------------------------------------------------------------------------------------

    /**
     * 19:00 on a trading day: NSE CLOSED, MCX LIVE. The socket is open for MCX, ticks reach a gateway client, NSE's
     * closed session raises nothing, and a {@code silence} fault is a stall judged on MCX:COM alone.
     */
    @Test
    void eveningMcxLiveNseClosedSocketOpenAndSilenceIsAnMcxStall() throws Exception {
        restartAt(NOVEMBER_EVENING);
        diagnosed(() -> {
            assertSession("MCX", "COM", "LIVE");
            assertSession("NSE", "CM", "CLOSED");
            awaitMcxLiveNseClosedAndConnected();
            awaitMcxTicksAtTheGateway();

            // NSE closed and its instruments held raise nothing: no stall over more than stale-after.
            int before = transitionsOfThisFeed().size();
            await().during(STALE_AFTER.plusSeconds(2))
                    .atMost(WAIT)
                    .pollInterval(POLL)
                    .untilAsserted(() -> {
                        JsonNode view = feedState();
                        assertEquals("CONNECTED", view.path("state").asText(), view::toString);
                        assertEquals("WEBSOCKET", view.path("mode").asText(), view::toString);
                        assertFalse(
                                segment(view, "NSE:CM").path("ticks_expected").asBoolean(), view::toString);
                        assertEquals(
                                before,
                                transitionsOfThisFeed().size(),
                                () -> "unexpected change: " + transitionsOfThisFeed());
                    });

            // Silence (ticks stop, heartbeats go on): a stall of the one segment expecting ticks, MCX:COM.
            long stalledLogLines = logLines("tick_silence: no tick for").size();
            sim("POST", "/sim/faults", "{\"kind\":\"silence\"}");
            JsonNode stale = await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(
                            () -> transitionsOfThisFeed().stream()
                                    .skip(before)
                                    .filter(t -> "STALE".equals(t.path("to").asText()))
                                    .findFirst()
                                    .orElse(null),
                            t -> t != null);
            assertEquals("tick_silence", stale.path("reason").asText(), stale::toString);
            List<JsonNode> all = transitionsOfThisFeed();
            List<JsonNode> duringFault = all.subList(before, all.size());
            assertTrue(
                    duringFault.stream()
                            .noneMatch(t -> "DISCONNECTED".equals(t.path("to").asText())),
                    () -> "heartbeats kept flowing, yet: " + duringFault);
            List<String> stallLines = await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(() -> logLines("tick_silence: no tick for"), lines -> lines.size() > stalledLogLines);
            String stallLine = stallLines.get(stallLines.size() - 1);
            assertTrue(stallLine.contains("[MCX:COM]"), "the stall must be judged on MCX:COM alone: " + stallLine);
            assertFalse(stallLine.contains("NSE:CM"), "NSE:CM is closed and expects no ticks: " + stallLine);

            // The fault clears: back to CONNECTED over the WebSocket, MCX ticks flowing again.
            sim("DELETE", "/sim/faults/silence", null);
            int seen = client.ticks().size();
            await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
                JsonNode view = feedState();
                assertEquals("CONNECTED", view.path("state").asText(), view::toString);
                assertEquals("WEBSOCKET", view.path("mode").asText(), view::toString);
            });
            await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(() -> client.ticks().stream()
                            .skip(seen)
                            .anyMatch(t -> mcxFuture.equals(t.path("symbol").asText())));
        });
    }

    /** 23:40 on a November day (no US daylight saving): MCX trades until 23:55, so the socket is open and ticks flow. */
    @Test
    void lateNovemberMcxStillOpen() throws Exception {
        restartAt(NOVEMBER_LATE);
        diagnosed(() -> {
            JsonNode mcx = assertSession("MCX", "COM", "LIVE");
            assertEquals("CLOSED", mcx.path("next_phase").asText(), mcx::toString);
            assertEquals(
                    OffsetDateTime.parse("2026-11-20T23:55:00+05:30").toInstant(),
                    OffsetDateTime.parse(mcx.path("next_change_at").asText()).toInstant(),
                    mcx::toString);
            assertSession("NSE", "CM", "CLOSED");
            awaitMcxLiveNseClosedAndConnected();
            awaitMcxTicksAtTheGateway();
        });
    }

    /**
     * 23:40 on a July day (US daylight saving: MCX closed at 23:30): every segment of the watchlist is closed, so the
     * feed is IDLE and holds no socket at kite-sim.
     */
    @Test
    void lateJulyEverySegmentClosedFeedIdleWithoutSocket() throws Exception {
        restartAt(JULY_LATE);
        diagnosed(() -> {
            assertSession("MCX", "COM", "CLOSED");
            assertSession("NSE", "CM", "CLOSED");
            await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
                JsonNode view = feedState();
                assertEquals("IDLE", view.path("state").asText(), view::toString);
                assertEquals("CLOSED", segment(view, "MCX:COM").path("phase").asText(), view::toString);
                assertFalse(segment(view, "MCX:COM").path("open").asBoolean(), view::toString);
                assertFalse(segment(view, "NSE:CM").path("open").asBoolean(), view::toString);
            });
            await().during(STALE_AFTER).atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
                JsonNode stats = sim("GET", "/sim/stats", null);
                assertEquals(0, stats.path("ws_connections_open").asInt(), stats::toString);
                assertEquals("IDLE", feedState().path("state").asText());
            });
        });
    }

    /**
     * The same July day across 23:30: MCX LIVE with the socket open and ticks flowing, then MCX closes and the feed
     * closes its socket itself (CONNECTED -> IDLE, never DISCONNECTED; kite-sim cut nothing).
     */
    @Test
    void julyMcxCloseAt2330ClosesTheSocketCleanly() throws Exception {
        restartAt(JULY_BEFORE_CLOSE);
        diagnosed(() -> {
            JsonNode mcx = assertSession("MCX", "COM", "LIVE");
            assertEquals(
                    OffsetDateTime.parse("2026-07-15T23:30:00+05:30").toInstant(),
                    OffsetDateTime.parse(mcx.path("next_change_at").asText()).toInstant(),
                    mcx::toString);
            awaitMcxLiveNseClosedAndConnected();
            awaitMcxTicksAtTheGateway();
            assertEquals(
                    "LIVE",
                    session("MCX", "COM").path("phase").asText(),
                    "the machine took too long to reach this point before 23:30 IST (simulated)");
            assertEquals(
                    1,
                    sim("GET", "/sim/stats", null).path("ws_connections_open").asInt());

            // 23:30: MCX closes (the feed is told on market.session); the socket closes with it.
            await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
                JsonNode view = feedState();
                assertEquals("IDLE", view.path("state").asText(), view::toString);
                assertEquals("CLOSED", segment(view, "MCX:COM").path("phase").asText(), view::toString);
            });
            assertSession("MCX", "COM", "CLOSED");
            await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
                JsonNode stats = sim("GET", "/sim/stats", null);
                assertEquals(0, stats.path("ws_connections_open").asInt(), stats::toString);
            });
            JsonNode stats = sim("GET", "/sim/stats", null);
            assertEquals(0, stats.path("sockets_dropped").asInt(), stats::toString);
            List<JsonNode> changes = transitionsOfThisFeed();
            JsonNode last = changes.get(changes.size() - 1);
            assertEquals("CONNECTED", last.path("from").asText(), () -> "straight from CONNECTED to IDLE: " + changes);
            assertEquals("IDLE", last.path("to").asText(), () -> "straight from CONNECTED to IDLE: " + changes);
            assertTrue(
                    changes.stream()
                            .noneMatch(t -> List.of("DISCONNECTED", "STALE")
                                    .contains(t.path("to").asText())),
                    () -> "closed by the schedule, not dropped: " + changes);
            assertFalse(logLines("socket 0: closing (schedule)").isEmpty(), "the feed closed its socket itself");
            // And later that evening (23:40) MCX stays closed.
            JsonNode at2340 = getJson(system.url("session-service") + "/api/session/at?exchange=MCX&segment=COM&time="
                    + URLEncoder.encode(JULY_LATE, StandardCharsets.UTF_8));
            assertEquals("CLOSED", at2340.path("phase").asText(), at2340::toString);
        });
    }

    // ---- steps -----------------------------------------------------------------------------------------------

    /**
     * session-service afresh with its clock at {@code instant}, then feed-service afresh once the new snapshots are
     * in Redis; kite-sim's faults and counters reset.
     */
    private void restartAt(String instant) {
        stopIfStarted("feed-service");
        stopIfStarted("session-service");
        sim("POST", "/sim/reset", null);
        system.with("session-service", "session.clock-start", instant).start("session-service");
        Instant start = OffsetDateTime.parse(instant).toInstant();
        await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
            for (String key : List.of("market:session:NSE:CM", "market:session:MCX:COM")) {
                String value = system.redis().command("GET", key);
                assertNotNull(value, key);
                Instant asOf = OffsetDateTime.parse(
                                JSON.readTree(value).path("as_of").asText())
                        .toInstant();
                assertTrue(
                        !asOf.isBefore(start) && asOf.isBefore(start.plus(Duration.ofMinutes(10))),
                        () -> key + " is not from this clock yet: " + value);
            }
        });
        transitions.clear();
        system.start("feed-service");
        instance = await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> feedState().path("instance").asText(""), s -> !s.isEmpty());
        System.out.printf(
                "SegmentClocksIT: clock %s; feed %s logs to %s%n",
                instant, instance, system.app("feed-service").logFile());
    }

    private void awaitMcxLiveNseClosedAndConnected() {
        await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
            JsonNode view = feedState();
            assertEquals("CONNECTED", view.path("state").asText(), view::toString);
            assertEquals("WEBSOCKET", view.path("mode").asText(), view::toString);
            JsonNode nse = segment(view, "NSE:CM");
            assertEquals("CLOSED", nse.path("phase").asText(), view::toString);
            assertFalse(nse.path("open").asBoolean(), view::toString);
            assertFalse(nse.path("ticks_expected").asBoolean(), view::toString);
            assertEquals(NSE_SYMBOLS.size(), nse.path("instruments").asInt(), view::toString);
            JsonNode mcx = segment(view, "MCX:COM");
            assertEquals("LIVE", mcx.path("phase").asText(), view::toString);
            assertTrue(mcx.path("open").asBoolean(), view::toString);
            assertTrue(mcx.path("ticks_expected").asBoolean(), view::toString);
            assertEquals(1, mcx.path("instruments").asInt(), view::toString);
            assertTrue(mcx.path("last_tick_seconds_ago").isNumber(), view::toString);
        });
        JsonNode stats = sim("GET", "/sim/stats", null);
        assertEquals(1, stats.path("ws_connections_open").asInt(), stats::toString);
    }

    private void awaitMcxTicksAtTheGateway() {
        client = WsClient.connect(URI.create(system.url("gateway")), TickwardenSystem.CLIENT_KEY);
        client.subscribe("quote", mcxFuture);
        await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> client.ticks().stream()
                                .filter(t -> mcxFuture.equals(t.path("symbol").asText()))
                                .count()
                        >= 2);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Runs the checks; a failure carries the end of this case's feed log (what the feed saw and did). */
    private static void diagnosed(ThrowingRunnable checks) throws Exception {
        try {
            checks.run();
        } catch (AssertionError | RuntimeException e) {
            AssertionError failure = new AssertionError(
                    e.getMessage() + "\n--- feed-service log (last 60 lines) ---\n"
                            + String.join("\n", tail(logLines(""), 60)),
                    e);
            throw failure;
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private List<JsonNode> transitionsOfThisFeed() {
        return transitions.stream()
                .filter(t -> instance.equals(t.path("instance").asText()))
                .toList();
    }

    private static void stopIfStarted(String module) {
        try {
            system.app(module).stop();
        } catch (IllegalStateException notStarted) {
            // first case
        }
    }

    private static JsonNode assertSession(String exchange, String segment, String phase) {
        JsonNode s = session(exchange, segment);
        assertEquals(phase, s.path("phase").asText(), s::toString);
        assertTrue(s.path("clock_simulated").asBoolean(), s::toString);
        return s;
    }

    private static JsonNode session(String exchange, String segment) {
        return getJson(system.url("session-service") + "/api/session?exchange=" + exchange + "&segment=" + segment);
    }

    private static JsonNode feedState() {
        return getJson(system.url("feed-service") + "/api/feed/state");
    }

    private static JsonNode segment(JsonNode view, String key) {
        for (JsonNode s : view.path("segments")) {
            if (key.equals(s.path("segment").asText())) {
                return s;
            }
        }
        throw new AssertionError("no segment " + key + " in " + view);
    }

    /** Lines of the current feed-service log containing {@code text}. */
    private static List<String> logLines(String text) {
        QuarkusAppProcess feed = system.app("feed-service");
        try {
            return Files.readAllLines(feed.logFile()).stream()
                    .filter(l -> l.contains(text))
                    .toList();
        } catch (IOException e) {
            return List.of("(log unreadable: " + e + ")");
        }
    }

    private static List<String> tail(List<String> lines, int n) {
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    /** The CRUDEOIL future with the nearest expiry, from kite-sim's instruments dump (never a hard-coded expiry). */
    private static String nearestMcxFuture() throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(system.url("kite-sim") + "/instruments/MCX"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        List<String> lines = r.body().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        int symbol = header.indexOf("tradingsymbol");
        int name = header.indexOf("name");
        int expiry = header.indexOf("expiry");
        int type = header.indexOf("instrument_type");
        int exchange = header.indexOf("exchange");
        List<String[]> futures = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length == header.size()
                    && "CRUDEOIL".equals(unquote(f[name]))
                    && "FUT".equals(f[type])
                    && "MCX".equals(f[exchange])) {
                futures.add(f);
            }
        }
        String[] nearest = futures.stream()
                .min(Comparator.comparing(f -> f[expiry]))
                .orElseThrow(() -> new AssertionError("no MCX CRUDEOIL future in kite-sim's dump:\n" + r.body()));
        return "MCX:" + nearest[symbol];
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** The same redirects a browser follows, with a cookie jar: auth-service -> kite-sim login -> callback. */
    private static void loginOverHttp() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .cookieHandler(new CookieManager())
                .build();
        HttpResponse<String> end = browser.send(
                HttpRequest.newBuilder(URI.create(system.url("auth-service") + "/api/auth/login"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, end.statusCode(), end.body());
        assertTrue(
                end.uri().toString().startsWith(system.url("gateway")),
                end.uri().toString());
        await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> "VALID"
                        .equals(getJson(system.url("auth-service") + "/api/auth/state")
                                .path("state")
                                .asText()));
    }

    private static JsonNode getJson(String url) {
        return call(
                () -> HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()),
                url);
    }

    private static JsonNode sim(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(system.url("kite-sim") + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        HttpRequest request = (body == null
                        ? b.method(method, HttpRequest.BodyPublishers.noBody())
                        : b.method(method, HttpRequest.BodyPublishers.ofString(body)))
                .build();
        return call(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()), method + " " + path);
    }

    private static JsonNode call(Callable<HttpResponse<String>> send, String what) {
        try {
            HttpResponse<String> r = send.call();
            assertEquals(200, r.statusCode(), () -> what + " -> " + r.statusCode() + " " + r.body());
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException(what + ": " + e, e);
        } catch (Exception e) {
            throw new IllegalStateException(what + ": " + e, e);
        }
    }
}
