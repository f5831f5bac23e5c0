package io.tickwarden.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.feed.domain.KiteTickerOracle;
import io.tickwarden.feed.domain.Tick;
import io.tickwarden.feed.domain.TickDecoder;
import io.tickwarden.feed.support.AuthSeeder;
import io.tickwarden.feed.support.Collector;
import io.tickwarden.feed.support.SimControl;
import io.tickwarden.testing.KiteSimTestResource;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The acceptance points against the real kite-sim process and a real Redis. Thresholds come from the %test
 * profile: heartbeat-timeout 2s, stale-after 5s, rest-fallback-after 6s, backoff 200ms..2s; kite-sim sends a
 * heartbeat every 250 ms here, so "no frame" and "no tick" are causes that cannot race.
 *
 * <p>Every scenario starts from the same state, whatever ran before it and however it ended ({@link #steady()}):
 * Redis up, kite-sim's faults and counters reset, no gateway demand, a LIVE session, a valid token, ticks flowing.
 * Waits are generous (at least 3x what an idle machine needs); how fast things happen is measured by the bench.
 */
@QuarkusTest
@QuarkusTestResource(
        value = KiteSimTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "kite-sim.heartbeat-interval", value = "250ms"))
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class FeedResilienceTest {

    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STALE_AFTER = Duration.ofSeconds(5);
    private static final String GATEWAY = "gw-test";
    private static final int WATCHLIST = 3;
    private static final AtomicLong TOKEN_VERSION = new AtomicLong(1);

    @KiteSimTestResource.InjectKiteSim
    QuarkusAppProcess simProcess;

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @Inject
    ReactiveRedisDataSource redisDs;

    SimControl sim;
    AuthSeeder auth;
    Collector bus;

    @BeforeEach
    void steady() {
        if (!redis.isRunning()) {
            redis.start(); // a Redis-restart scenario that failed half-way
        }
        sim = new SimControl(simProcess.baseUrl());
        auth = new AuthSeeder(redis);
        sim.reset();
        sim.rate(5);
        auth.sessionLive();
        redis.command("DEL", FeedRedisNames.demandKey(GATEWAY));
        redis.command("ZREM", FeedRedisNames.DEMAND_OWNERS_KEY, GATEWAY);
        redis.command(
                "PUBLISH",
                FeedRedisNames.DEMAND_CHANNEL,
                "{\"type\":\"demand_changed\",\"owner\":\"" + GATEWAY + "\"}");
        // A new login only when needed: one while streaming would reconnect in the middle of the next scenario.
        String state = given().get("/api/feed/state").then().extract().path("state");
        if (!"CONNECTED".equals(state)) {
            auth.valid(sim.login(), TOKEN_VERSION.incrementAndGet());
        }
        bus = new Collector(
                redisDs, FeedRedisNames.TICKS_CHANNEL, FeedRedisNames.STATE_CHANNEL, AuthRedisNames.REPORTS_CHANNEL);
        awaitStreaming(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertEquals(
                        WATCHLIST,
                        given().get("/api/feed/subscriptions")
                                .then()
                                .extract()
                                .jsonPath()
                                .getInt("count")));
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void ticksArePublishedWithSymbolsSequenceAndQuotes() {
        Instant from = Instant.now();
        await().atMost(Duration.ofSeconds(15)).until(() -> wsBatches(from).size() >= 5);
        Map<String, Long> lastSeq = new HashMap<>();
        for (Collector.Message m : wsBatches(from)) {
            assertEquals("ticks", m.body().path("type").asText());
            assertEquals(m.body().path("count").asInt(), m.body().path("ticks").size());
            for (JsonNode t : m.body().path("ticks")) {
                assertEquals("ws", t.path("source").asText());
                assertTrue(
                        t.hasNonNull("instrument_token") && t.hasNonNull("last_price") && t.hasNonNull("received_at"));
                String symbol = t.path("symbol").asText();
                assertTrue(List.of("NSE:INFY", "NSE:TCS", "NSE:NIFTY 50").contains(symbol), symbol);
                assertEquals("full", t.path("mode").asText(), symbol);
                assertTrue(t.path("exchange_timestamp").asText().endsWith("+05:30"), t.toString());
                long seq = t.path("seq").asLong();
                Long previous = lastSeq.put(symbol, seq);
                assertTrue(previous == null || seq > previous, "seq must increase for " + symbol);
                if (symbol.equals("NSE:INFY")) {
                    assertEquals(5, t.path("depth").path("buy").size());
                    assertTrue(t.path("tradable").asBoolean());
                }
                if (symbol.equals("NSE:NIFTY 50")) {
                    assertFalse(t.path("tradable").asBoolean());
                }
            }
        }
        // FEED_TICKS_MESSAGE_MAX_TICKS is 2 in tests: a frame of all three watchlist instruments arrives as two
        // messages with the frame's time, in order (the seq check above ran over messages in arrival order).
        await().atMost(Duration.ofSeconds(15))
                .until(() -> wsBatches(from).stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                m -> m.body().path("at").asText(),
                                java.util.stream.Collectors.summingInt(
                                        m -> m.body().path("count").asInt())))
                        .values()
                        .stream()
                        .anyMatch(ticksInFrame -> ticksInFrame == 3));
        for (Collector.Message m : wsBatches(from)) {
            assertTrue(
                    m.body().path("count").asInt() <= 2,
                    "message of " + m.body().path("count").asInt() + " ticks");
        }
        String quote = redis.command("HGET", FeedRedisNames.QUOTES_HASH, "NSE:INFY");
        assertNotNull(quote);
        assertTrue(quote.contains("\"instrument_token\":408065"), quote);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "408065".equals(redis.command("HGET", FeedRedisNames.INSTRUMENTS_KEY, "NSE:INFY")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.command(
                                "HLEN",
                                FeedRedisNames.candlesKey(
                                        "NSE:INFY",
                                        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Kolkata"))
                                                .toString()))
                        .matches(":[1-9].*"));

        JsonPath state =
                given().get("/api/feed/state").then().statusCode(200).extract().jsonPath();
        assertTrue(state.getBoolean("is_leader"));
        assertEquals("WEBSOCKET", state.getString("mode"));
        assertEquals(WATCHLIST, state.getInt("subscribed_instruments"));
        assertTrue(redis.command("GET", FeedRedisNames.STATE_KEY).contains("\"state\":\"CONNECTED\""));
        JsonPath subs = given().get("/api/feed/subscriptions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(3, subs.getInt("count"));
        assertEquals(List.of("full", "full", "full"), subs.getList("instruments.mode"));
    }

    @Test
    void dropResubscribesTheWholeSetWithModes() {
        long oldSocket = sim.stats().path("sockets").get(0).path("id").asLong();
        Instant dropped = Instant.now();
        sim.drop();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode sockets = sim.stats().path("sockets");
            assertEquals(1, sockets.size());
            JsonNode s = sockets.get(0);
            assertTrue(s.path("id").asLong() != oldSocket, "a new socket");
            assertTrue(s.path("subscribe_messages").asInt() >= 1);
            assertTrue(s.path("mode_messages").asInt() >= 1);
            assertEquals(3, s.path("tokens_by_mode").path("full").asInt());
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !wsBatches(dropped.plusMillis(300)).isEmpty());
    }

    @Test
    void gatewayDemandIsReferenceCountedAndReleased() {
        String owner = GATEWAY;
        redis.command(
                "ZADD", FeedRedisNames.DEMAND_OWNERS_KEY, Long.toString(System.currentTimeMillis() + 60_000), owner);
        redis.command(
                "HSET",
                FeedRedisNames.demandKey(owner),
                "NSE:SBIN",
                "{\"mode\":\"ltp\",\"clients\":2}",
                "NSE:INFY",
                "{\"mode\":\"quote\",\"clients\":1}");
        redis.command("PUBLISH", FeedRedisNames.DEMAND_CHANNEL, "{\"type\":\"demand_changed\",\"owner\":\"gw-test\"}");
        Instant from = Instant.now();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonPath subs =
                    given().get("/api/feed/subscriptions").then().extract().jsonPath();
            assertEquals(4, subs.getInt("count"));
            assertEquals("ltp", subs.getString("instruments.find { it.symbol == 'NSE:SBIN' }.mode"));
            assertEquals(2, subs.getInt("instruments.find { it.symbol == 'NSE:SBIN' }.wanted_by.'gw-test'"));
            // INFY stays in full: the watchlist wants more than the gateway.
            assertEquals("full", subs.getString("instruments.find { it.symbol == 'NSE:INFY' }.mode"));
        });
        await().atMost(Duration.ofSeconds(15))
                .until(() -> wsBatches(from).stream()
                        .anyMatch(m -> m.body()
                                .path("ticks")
                                .findValuesAsText("symbol")
                                .contains("NSE:SBIN")));

        redis.command("HDEL", FeedRedisNames.demandKey(owner), "NSE:SBIN", "NSE:INFY");
        redis.command("PUBLISH", FeedRedisNames.DEMAND_CHANNEL, "{\"type\":\"demand_changed\",\"owner\":\"gw-test\"}");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertEquals(
                        WATCHLIST,
                        given().get("/api/feed/subscriptions")
                                .then()
                                .extract()
                                .jsonPath()
                                .getInt("count")));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(
                        WATCHLIST, sim.stats().path("subscribed_tokens").asInt()));
    }

    @Test
    void noFrameAtAllIsAHeartbeatTimeoutNotATickSilence() {
        Instant injected = Instant.now();
        // The fault outlasts 3x the timeout, so a slow detection still sees the socket silent.
        sim.fault("no_heartbeat", HEARTBEAT_TIMEOUT.multipliedBy(3).toMillis());
        Collector.Message dead = awaitState(injected, null, HEARTBEAT_TIMEOUT.multipliedBy(3));
        assertEquals(
                "heartbeat_timeout",
                dead.body().path("reason").asText(),
                dead.body().toString());
        Duration detection = Duration.between(injected, dead.at());
        // Never before the timeout: a socket is not given up while it may still be alive (the last frame can be at
        // most one 250 ms heartbeat before the injection).
        assertTrue(detection.compareTo(HEARTBEAT_TIMEOUT.minusMillis(300)) >= 0, "declared dead after " + detection);
        awaitStreaming(Duration.ofSeconds(30));
    }

    @Test
    void silenceInLiveGoesStaleFallsBackToRestAndReturnsToWebsocket() {
        long silenceMs = 30_000;
        Instant injected = Instant.now();
        sim.fault("silence", silenceMs);
        // Heartbeats keep coming: the first state change is the stall, never a dead socket.
        Collector.Message stale = awaitState(injected, null, STALE_AFTER.multipliedBy(3));
        assertEquals(
                "tick_silence",
                stale.body().path("reason").asText(),
                stale.body().toString());
        assertEquals("STALE", stale.body().path("to").asText());
        Duration detection = Duration.between(injected, stale.at());
        assertTrue(detection.compareTo(STALE_AFTER.minusMillis(300)) >= 0, "stale declared after " + detection);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !batches(injected, "rest").isEmpty());
        JsonNode restTick =
                batches(injected, "rest").get(0).body().path("ticks").get(0);
        assertEquals("rest", restTick.path("source").asText());
        assertTrue(restTick.path("exchange_timestamp").asText().endsWith("+05:30"));
        assertEquals(
                "REST_POLLING", given().get("/api/feed/state").then().extract().path("mode"));

        Instant silenceEnds = injected.plusMillis(silenceMs);
        await().atMost(Duration.between(Instant.now(), silenceEnds).plusSeconds(20))
                .until(() -> !wsBatches(silenceEnds).isEmpty());
        Instant wsBack = wsBatches(silenceEnds).get(0).at();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "WEBSOCKET"
                        .equals(given().get("/api/feed/state").then().extract().path("mode")));
        // Polling stopped: no REST batch after the WebSocket came back (a poll in flight is discarded).
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(4))
                .until(() -> batches(wsBack.plusMillis(50), "rest").isEmpty());
    }

    @Test
    void expiredTokenBlocksHandshakesUntilANewLogin() {
        long version = TOKEN_VERSION.get();
        sim.expireTokens();
        long handshakesBefore = sim.stats().path("ws_handshakes_total").asLong();
        Instant expired = Instant.now();
        sim.drop();
        awaitState(expired, null, Duration.ofSeconds(15), "AUTH_BLOCKED");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bus.since(expired, AuthRedisNames.REPORTS_CHANNEL).stream()
                        .anyMatch(m -> m.body().path("type").asText().equals("handshake_rejected")
                                && m.body().path("token_version").asLong() == version
                                && !m.body().toString().contains("access_token")));
        // Backoff alone (200 ms..2 s in tests) would retry ~30 times in this window; AUTH_BLOCKED makes none.
        await().during(Duration.ofSeconds(60))
                .atMost(Duration.ofSeconds(62))
                .until(() -> sim.stats().path("ws_handshakes_total").asLong() - handshakesBefore <= 2);
        assertEquals(
                "AUTH_BLOCKED", given().get("/api/feed/state").then().extract().path("state"));

        String fresh = sim.login();
        Instant login = Instant.now();
        auth.valid(fresh, TOKEN_VERSION.incrementAndGet());
        await().atMost(Duration.ofSeconds(10)).until(() -> !wsBatches(login).isEmpty());
    }

    @Test
    void hundredForcedReconnectsKeepThreadsAndHeapStable() {
        for (int i = 0; i < 10; i++) {
            reconnectOnce();
        }
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapBefore = usedHeapAfterGc();
        for (int i = 0; i < 100; i++) {
            reconnectOnce();
        }
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapAfter = usedHeapAfterGc();
        assertTrue(threadsAfter <= threadsBefore + 4, "threads " + threadsBefore + " -> " + threadsAfter);
        assertTrue(heapAfter <= heapBefore + 48L * 1024 * 1024, "heap " + heapBefore + " -> " + heapAfter);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sim.stats().path("ws_connections_open").asInt() == 1);
    }

    @Test
    void malformedFramesAreCountedAndSkipped() {
        Instant injected = Instant.now();
        sim.fault("malformed", 1500);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> given().get("/q/metrics")
                        .asString()
                        .contains("feed_decode_errors_total{kind=\"unknown_packet_length\"}"));
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("feed_decode_errors_total{kind=\"missing_packets\"}"), "every kind is counted");
        // The feed survives them: ticks flow again once the sim sends good frames.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !wsBatches(injected.plusMillis(1600)).isEmpty());
        awaitStreaming(Duration.ofSeconds(30));
        // Nothing from a corrupt frame was published (its lone "valid" packet carries last price 1.00).
        for (Collector.Message m : wsBatches(injected)) {
            for (JsonNode t : m.body().path("ticks")) {
                assertTrue(t.path("last_price").asDouble() != 1.0, "a tick from a corrupt frame was published: " + t);
            }
        }
    }

    @Test
    void redisRestartReadinessDownThenResubscribesAndPublishes() {
        redis.kill();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
        given().get("/q/health/live").then().statusCode(200);
        redis.start();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        // What auth-service and session-service do after a Redis restart: restore their snapshots.
        auth.sessionLive();
        auth.valid(sim.login(), TOKEN_VERSION.incrementAndGet());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var reply = redisDs.execute("PUBSUB", "NUMSUB", AuthRedisNames.STATE_CHANNEL)
                    .await()
                    .atMost(Duration.ofSeconds(2));
            assertTrue(reply.get(1).toInteger() >= 1, "feed re-subscribed to auth.state");
        });
        try (Collector after = new Collector(redisDs, FeedRedisNames.TICKS_CHANNEL)) {
            Instant from = Instant.now();
            await().atMost(Duration.ofSeconds(15))
                    .until(() ->
                            !after.since(from, FeedRedisNames.TICKS_CHANNEL).isEmpty());
        }
    }

    @Test
    void simFramesDecodeExactlyAsKiteTickerDoes() throws Exception {
        long cds = -1;
        long bcd = -1;
        for (String line : sim.instrumentsCsv().split("\n")) {
            String first = line.split(",", 2)[0];
            if (!first.matches("\\d+")) {
                continue;
            }
            long token = Long.parseLong(first);
            if ((token & 0xFF) == 3 && cds < 0) {
                cds = token;
            } else if ((token & 0xFF) == 6 && bcd < 0) {
                bcd = token;
            }
        }
        assertTrue(cds > 0 && bcd > 0, "the sim lists CDS and BCD contracts");
        List<byte[]> frames = new CopyOnWriteArrayList<>();
        WebSocket ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://localhost:" + simProcess.port() + "/?api_key=sim_api_key&access_token="
                                + sim.login()),
                        new WebSocket.Listener() {
                            private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

                            @Override
                            public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                                byte[] chunk = new byte[data.remaining()];
                                data.get(chunk);
                                partial.writeBytes(chunk);
                                if (last) {
                                    byte[] frame = partial.toByteArray();
                                    partial.reset();
                                    if (frame.length > 1) {
                                        frames.add(frame);
                                    }
                                }
                                socket.request(1);
                                return null;
                            }
                        })
                .get(5, TimeUnit.SECONDS);
        try {
            ws.sendText("{\"a\":\"subscribe\",\"v\":[408065,2953217,256265,260105," + cds + "," + bcd + "]}", true)
                    .join();
            ws.sendText("{\"a\":\"mode\",\"v\":[\"full\",[408065,256265," + bcd + "]]}", true)
                    .join();
            ws.sendText("{\"a\":\"mode\",\"v\":[\"ltp\",[2953217," + cds + "]]}", true)
                    .join();
            await().atMost(Duration.ofSeconds(15)).until(() -> frames.size() >= 25);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        KiteTickerOracle oracle = new KiteTickerOracle();
        java.util.Set<String> kinds = new java.util.HashSet<>();
        for (byte[] frame : frames) {
            oracle.assertAgree(frame);
            for (Tick t : TickDecoder.decode(frame).ticks()) {
                kinds.add(t.mode() + "/" + t.segment());
            }
        }
        assertTrue(kinds.containsAll(List.of("full/1", "full/9", "quote/9", "ltp/3", "full/6")), "covered " + kinds);
    }

    /**
     * A 403 at the handshake while the token is in fact fine, and the one report is lost (auth-service was
     * restarting): auth-service stays VALID without re-validating. The feed must ask again, and only leave
     * AUTH_BLOCKED once auth-service re-validated, making no handshake meanwhile even though Kite would accept one.
     */
    @Test
    void aLostAuthReportIsSentAgainUntilAuthServiceRevalidates() {
        long version = TOKEN_VERSION.get();
        JsonNode before = sim.stats();
        Instant blocked = Instant.now();
        sim.fault("reject_403", 60_000);
        sim.drop();
        awaitState(blocked, null, Duration.ofSeconds(15), "AUTH_BLOCKED");
        await().atMost(Duration.ofSeconds(10)).until(() -> !reports(blocked).isEmpty());
        // The simulated auth-service ignores this first report. Kite would take the token again from now on.
        sim.clearFault("reject_403");
        await().atMost(Duration.ofSeconds(15)).until(() -> reports(blocked).size() >= 2);
        List<Collector.Message> sent = reports(blocked);
        Duration gap = Duration.between(sent.get(0).at(), sent.get(1).at());
        assertTrue(
                gap.compareTo(Duration.ofMillis(1500)) >= 0, "re-sent after the retry period (2 s in tests): " + gap);
        assertEquals(version, sent.get(1).body().path("token_version").asLong());
        JsonNode after = sim.stats();
        assertEquals(
                1,
                after.path("ws_handshakes_total").asLong()
                        - before.path("ws_handshakes_total").asLong(),
                "only the refused handshake: none while blocked");
        assertEquals(
                1,
                after.path("ws_handshakes_rejected").asLong()
                        - before.path("ws_handshakes_rejected").asLong());
        assertEquals(
                "AUTH_BLOCKED", given().get("/api/feed/state").then().extract().path("state"));

        // It reacts to the second report: verification finds the token good, auth:state gets a new last_validated_at.
        Instant revalidated = Instant.now();
        auth.revalidated();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !wsBatches(revalidated).isEmpty());
        awaitStreaming(Duration.ofSeconds(30));
        assertTrue(metric("feed_auth_reports_total{result=\"resent\"}") >= 1);
    }

    /** The report reached no subscriber at all (auth-service down): counted, retried, heard once it listens again. */
    @Test
    void aReportNobodyHeardIsRetriedUntilAuthServiceListens() {
        bus.close();
        bus = new Collector(redisDs, FeedRedisNames.TICKS_CHANNEL, FeedRedisNames.STATE_CHANNEL);
        await().atMost(Duration.ofSeconds(15)).until(() -> subscribers(AuthRedisNames.REPORTS_CHANNEL) == 0);
        double unheard = metric("feed_auth_reports_total{result=\"no_subscriber\"}");
        Instant blocked = Instant.now();
        sim.fault("reject_403", 60_000);
        sim.drop();
        awaitState(blocked, null, Duration.ofSeconds(15), "AUTH_BLOCKED");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> metric("feed_auth_reports_total{result=\"no_subscriber\"}") >= unheard + 2);
        sim.clearFault("reject_403");
        try (Collector authService = new Collector(redisDs, AuthRedisNames.REPORTS_CHANNEL)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !authService
                            .matching(
                                    blocked,
                                    AuthRedisNames.REPORTS_CHANNEL,
                                    b -> b.path("type").asText().equals("handshake_rejected"))
                            .isEmpty());
            assertEquals(
                    "AUTH_BLOCKED",
                    given().get("/api/feed/state").then().extract().path("state"));
            Instant revalidated = Instant.now();
            auth.revalidated();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !wsBatches(revalidated).isEmpty());
        }
        awaitStreaming(Duration.ofSeconds(30));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void reconnectOnce() {
        Instant from = Instant.now();
        given().header("Authorization", "Bearer test-admin-key")
                .post("/api/feed/reconnect")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !wsBatches(from.plusMillis(20)).isEmpty());
        bus.clear();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void awaitStreaming(Duration within) {
        await().atMost(within).untilAsserted(() -> {
            JsonPath s = given().get("/api/feed/state")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals("CONNECTED", s.getString("state"), s.prettify());
            assertEquals("WEBSOCKET", s.getString("mode"));
            Float age = s.get("last_tick_seconds_ago");
            // 5 ticks/s: an age under 1.5 s means ticks are flowing now, not a leftover of an earlier socket.
            assertTrue(age != null && age < 1.5, "last tick age " + age);
        });
    }

    private List<Collector.Message> reports(Instant from) {
        return bus.matching(
                from,
                AuthRedisNames.REPORTS_CHANNEL,
                b -> b.path("type").asText().equals("handshake_rejected"));
    }

    private long subscribers(String channel) {
        return redisDs.execute("PUBSUB", "NUMSUB", channel)
                .await()
                .atMost(Duration.ofSeconds(2))
                .get(1)
                .toLong();
    }

    /** The value of one series on /q/metrics, 0 when absent. */
    private static double metric(String series) {
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private List<Collector.Message> wsBatches(Instant from) {
        return batches(from, "ws");
    }

    private List<Collector.Message> batches(Instant from, String source) {
        return bus.matching(
                from,
                FeedRedisNames.TICKS_CHANNEL,
                b -> source.equals(b.path("source").asText()));
    }

    private Collector.Message awaitState(Instant from, String reason, Duration within, String... to) {
        await().atMost(within).until(() -> !stateEvents(from, reason, to).isEmpty());
        return stateEvents(from, reason, to).get(0);
    }

    private List<Collector.Message> stateEvents(Instant from, String reason, String... to) {
        return bus.matching(
                from,
                FeedRedisNames.STATE_CHANNEL,
                b -> (reason == null || reason.equals(b.path("reason").asText()))
                        && (to.length == 0 || to[0].equals(b.path("to").asText())));
    }
}
