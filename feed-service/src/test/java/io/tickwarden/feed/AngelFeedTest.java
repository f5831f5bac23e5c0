package io.tickwarden.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.feed.support.AngelSimControl;
import io.tickwarden.feed.support.AuthSeeder;
import io.tickwarden.feed.support.Collector;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import io.tickwarden.testing.SmartApiSimTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BROKER=angel against the real smartapi-sim process and a real Redis: the session sealed into {@code auth:token}
 * as auth-service does, ticks published under the Kite symbols clients already use, per-mode subscriptions, 2,500
 * instruments over three sockets of at most 1,000, malformed packets skipped, a drop, a silence that falls back to
 * the quote endpoint, an expired session refused there (AG8001), a frozen market kept alive by pongs alone, and a
 * 401 at the handshake that blocks the feed until a new login. Thresholds from the %test profile (heartbeat 2 s, stale 5 s,
 * fallback 6 s) with a 1 s ping, so Angel's heartbeat timeout is max(2 s, 2 x 1 s) = 2 s.
 */
@QuarkusTest
@TestProfile(AngelFeedTest.Angel.class)
@QuarkusTestResource(value = SmartApiSimTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class AngelFeedTest {

    public static class Angel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Full-size tick messages (2,500 instruments in messages of two would only load the test's own machine)
            // and FeedPoolTest's lease timings of a loaded box: a fencing here would only restart the pool.
            return Map.of(
                    "feed.broker",
                    "angel",
                    "angel.ping-interval",
                    "1s",
                    "feed.ticks-message-max-ticks",
                    "250",
                    "feed.lease.ttl",
                    "15s",
                    "feed.lease.fence-after",
                    "10s",
                    "feed.lease.renew-interval",
                    "1s");
        }
    }

    private static final Duration STALE_AFTER = Duration.ofSeconds(5);
    private static final String GATEWAY = "gw-angel";
    private static final long NIFTY_50 = 1_000_099_926_000L;
    private static final AtomicLong TOKEN_VERSION = new AtomicLong(100);

    @SmartApiSimTestResource.InjectSmartApiSim
    QuarkusAppProcess simProcess;

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @Inject
    ReactiveRedisDataSource redisDs;

    AngelSimControl sim;
    AuthSeeder auth;
    Collector bus;

    @BeforeEach
    void steady() {
        sim = new AngelSimControl(simProcess.baseUrl());
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
        String state = given().get("/api/feed/state").then().extract().path("state");
        if (!"CONNECTED".equals(state)) {
            auth.valid(sim.session(), TOKEN_VERSION.incrementAndGet());
        }
        bus = new Collector(
                redisDs, FeedRedisNames.TICKS_CHANNEL, FeedRedisNames.STATE_CHANNEL, AuthRedisNames.REPORTS_CHANNEL);
        awaitStreaming(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void ticksReachRedisUnderTheKiteSymbols() {
        Instant from = Instant.now();
        await().atMost(Duration.ofSeconds(15)).until(() -> wsBatches(from).size() >= 5);
        for (Collector.Message m : wsBatches(from)) {
            for (JsonNode t : m.body().path("ticks")) {
                String symbol = t.path("symbol").asText();
                assertTrue(List.of("NSE:INFY", "NSE:TCS", "NSE:NIFTY 50").contains(symbol), symbol);
                assertEquals("full", t.path("mode").asText());
                assertTrue(t.path("last_price").asDouble() > 0, t.toString());
                assertTrue(t.path("exchange_timestamp").asText().endsWith("+05:30"), t.toString());
                if (symbol.equals("NSE:NIFTY 50")) {
                    assertEquals(NIFTY_50, t.path("instrument_token").asLong());
                    assertFalse(t.path("tradable").asBoolean());
                } else {
                    assertTrue(t.path("tradable").asBoolean());
                    assertEquals(5, t.path("depth").path("buy").size(), t.toString());
                    assertEquals(5, t.path("depth").path("sell").size(), t.toString());
                }
            }
        }
        // The whole master, under client symbols: what the gateway validates against.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> String.valueOf(NIFTY_50)
                        .equals(redis.command("HGET", FeedRedisNames.INSTRUMENTS_KEY, "NSE:NIFTY 50")));
        String keys = redis.command("HKEYS", FeedRedisNames.INSTRUMENTS_KEY);
        for (String symbol : List.of("NSE:SBIN", "BSE:SBIN", "BSE:SENSEX", "NSE:NIFTY BANK", "NSE:INDIA VIX")) {
            assertTrue(keys.contains(symbol), symbol + " missing from feed:instruments");
        }
        assertTrue(keys.matches("(?s).*NFO:NIFTY\\d\\d[A-Z]{3}FUT.*"), "a NIFTY future in Kite's name");
        assertTrue(keys.matches("(?s).*NFO:NIFTY\\d\\d[1-9OND]\\d\\d\\d+(CE|PE).*"), "a weekly NIFTY option");
        assertTrue(keys.matches("(?s).*CDS:USDINR\\d\\d[A-Z]{3}FUT.*")
                && keys.matches("(?s).*MCX:GOLD\\d\\d[A-Z]{3}FUT.*"));
        assertFalse(keys.contains("-EQ"), "no Angel series suffix for EQ");
        // Angel streams no BSE currency: those rows are left out and counted.
        assertTrue(metric("feed_instruments_unmapped{broker=\"angel\"}") >= 1);

        JsonPath subs = given().get("/api/feed/subscriptions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(3, subs.getInt("count"));
        assertTrue(subs.getInt("unmapped_instruments.count") >= 1, subs.prettify());
        assertTrue(
                subs.getList("unmapped_instruments.examples", String.class).stream()
                        .anyMatch(e -> e.startsWith("BCD:")),
                subs.prettify());
        JsonNode socket = sim.stats().path("sockets").get(0);
        assertEquals(3, socket.path("tokens_by_mode").path("3").asInt(), socket.toString());
        assertEquals(0, socket.path("tokens_by_mode").path("1").asInt(), socket.toString());
    }

    @Test
    void aModeChangeLeavesTheTokenInOneModeOnly() {
        demand("NSE:SBIN", "ltp");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode byMode = sim.stats().path("sockets").get(0).path("tokens_by_mode");
            assertEquals(1, byMode.path("1").asInt(), byMode.toString());
            assertEquals(3, byMode.path("3").asInt(), byMode.toString());
        });
        Instant from = Instant.now();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> wsBatches(from).stream()
                        .anyMatch(m -> m.body()
                                .path("ticks")
                                .findValuesAsText("symbol")
                                .contains("NSE:SBIN")));
        demand("NSE:SBIN", "full");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode byMode = sim.stats().path("sockets").get(0).path("tokens_by_mode");
            assertEquals(0, byMode.path("1").asInt(), byMode.toString());
            assertEquals(4, byMode.path("3").asInt(), byMode.toString());
        });
        redis.command("DEL", FeedRedisNames.demandKey(GATEWAY));
        redis.command(
                "PUBLISH",
                FeedRedisNames.DEMAND_CHANNEL,
                "{\"type\":\"demand_changed\",\"owner\":\"" + GATEWAY + "\"}");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        assertEquals(3, sim.stats().path("subscribed_tokens").asInt()));
    }

    @Test
    void twentyFiveHundredInstrumentsUseThreeSocketsOfAtMostAThousand() {
        sim.rate(1);
        List<String> symbols = new java.util.ArrayList<>(
                List.of(redis.command("HKEYS", FeedRedisNames.INSTRUMENTS_KEY).split("\n")));
        symbols.removeAll(List.of("NSE:INFY", "NSE:TCS", "NSE:NIFTY 50"));
        symbols.sort(null);
        assertTrue(symbols.size() >= 2_500, "the sim lists " + symbols.size());
        String staging = FeedRedisNames.demandKey(GATEWAY) + ":staging";
        redis.command("DEL", staging);
        for (int from = 0; from < 2_500; from += 500) {
            List<String> args = new java.util.ArrayList<>(List.of("HSET", staging));
            for (String symbol : symbols.subList(from, from + 500)) {
                args.add(symbol);
                args.add("{\"mode\":\"ltp\",\"clients\":1}");
            }
            redis.command(args.toArray(String[]::new));
        }
        redis.command("RENAME", staging, FeedRedisNames.demandKey(GATEWAY));
        redis.command(
                "ZADD", FeedRedisNames.DEMAND_OWNERS_KEY, Long.toString(System.currentTimeMillis() + 600_000), GATEWAY);
        redis.command(
                "PUBLISH",
                FeedRedisNames.DEMAND_CHANNEL,
                "{\"type\":\"demand_changed\",\"owner\":\"" + GATEWAY + "\"}");
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonPath subs = given().get("/api/feed/subscriptions")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    assertEquals(2_503, subs.getInt("count"));
                    assertEquals(2_503, subs.getInt("confirmed"), "every instrument ticking");
                });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stats = sim.stats();
            assertEquals(3, stats.path("sockets").size(), stats.path("sockets").toString());
            long total = 0;
            for (JsonNode socket : stats.path("sockets")) {
                long tokens = 0;
                for (JsonNode n : socket.path("tokens_by_mode")) {
                    tokens += n.asLong();
                }
                assertTrue(tokens <= 1_000, "at most 1,000 tokens on a socket: " + socket);
                total += tokens;
            }
            assertEquals(2_503, total);
            assertEquals(0, stats.path("error_messages_sent").asInt(), "no E1002 from the sim");
            assertEquals(0, stats.path("ws_connections_over_limit").asInt());
        });
        redis.command("DEL", FeedRedisNames.demandKey(GATEWAY));
        redis.command(
                "PUBLISH",
                FeedRedisNames.DEMAND_CHANNEL,
                "{\"type\":\"demand_changed\",\"owner\":\"" + GATEWAY + "\"}");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(1, sim.stats().path("sockets").size()));
    }

    @Test
    void malformedPacketsAreCountedAndSkipped() {
        Instant injected = Instant.now();
        sim.fault("malformed", 1500);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> metric("feed_decode_errors_total{kind=\"unknown_packet_length\"}") > 0
                        && metric("feed_decode_errors_total{kind=\"mode_mismatch\"}") > 0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !wsBatches(injected.plusMillis(1600)).isEmpty());
        awaitStreaming(Duration.ofSeconds(30));
        // The corrupt packets carry a zero price: none of them was published.
        for (Collector.Message m : wsBatches(injected)) {
            for (JsonNode t : m.body().path("ticks")) {
                assertTrue(t.path("last_price").asDouble() > 0, "a tick from a corrupt packet was published: " + t);
            }
        }
    }

    @Test
    void aDropReconnectsAndResubscribes() {
        long before = sim.stats().path("sockets").get(0).path("id").asLong();
        Instant dropped = Instant.now();
        sim.drop();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode sockets = sim.stats().path("sockets");
            assertEquals(1, sockets.size());
            assertTrue(sockets.get(0).path("id").asLong() != before, "a new socket");
            assertEquals(3, sockets.get(0).path("tokens_by_mode").path("3").asInt());
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !wsBatches(dropped.plusMillis(300)).isEmpty());
    }

    @Test
    void pongsAloneKeepTheSocketAliveAndNoPongKillsIt() {
        // A frozen market: only pongs arrive (every 1 s). The socket is not dead; LIVE without ticks is a stall.
        Instant frozen = Instant.now();
        sim.rate(0);
        Collector.Message first = awaitState(frozen, Duration.ofSeconds(15));
        assertEquals(
                "tick_silence",
                first.body().path("reason").asText(),
                first.body().toString());
        assertTrue(Duration.between(frozen, first.at()).compareTo(STALE_AFTER.minusMillis(300)) >= 0);
        // Frozen and no pong: nothing at all arrives, so the heartbeat timeout fires.
        Instant silent = Instant.now();
        sim.fault("no_pong", 15_000);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bus.matching(
                                        silent,
                                        FeedRedisNames.STATE_CHANNEL,
                                        b -> "heartbeat_timeout"
                                                .equals(b.path("reason").asText()))
                                .size()
                        >= 1);
        sim.clearFault("no_pong");
        sim.rate(5);
    }

    @Test
    void silenceFallsBackToTheQuoteEndpointUnderTheSameSymbols() {
        Instant injected = Instant.now();
        sim.fault("silence", 20_000);
        Collector.Message stale = awaitState(injected, Duration.ofSeconds(15));
        assertEquals(
                "tick_silence",
                stale.body().path("reason").asText(),
                stale.body().toString());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !batches(injected, "rest").isEmpty());
        for (JsonNode t : batches(injected, "rest").get(0).body().path("ticks")) {
            assertTrue(
                    List.of("NSE:INFY", "NSE:TCS", "NSE:NIFTY 50")
                            .contains(t.path("symbol").asText()),
                    t.toString());
            assertTrue(t.path("last_price").asDouble() > 0, t.toString());
            assertEquals("rest", t.path("source").asText());
        }
        assertEquals(
                "REST_POLLING", given().get("/api/feed/state").then().extract().path("mode"));
        sim.clearFault("silence");
        awaitStreaming(Duration.ofSeconds(30));
    }

    @Test
    void anExpiredSessionOnTheQuoteEndpointBlocksTheFeed() {
        sim.fault("silence", 30_000);
        Instant injected = Instant.now();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !batches(injected, "rest").isEmpty());
        long version = TOKEN_VERSION.get();
        Instant expired = Instant.now();
        // The socket stays open and silent; the next poll (every 1 s) meets AG8001 before a stale reconnect (5 s).
        sim.expireSessions();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !stateEvents(expired, "AUTH_BLOCKED").isEmpty());
        assertTrue(metric("feed_rest_polls_total{outcome=\"token_rejected\"}") >= 1, "the quote call said AG8001");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bus.since(expired, AuthRedisNames.REPORTS_CHANNEL).stream()
                        .anyMatch(m -> m.body().path("token_version").asLong() == version
                                && m.body().path("http_status").asInt() == 401));
        sim.clearFault("silence");
        Instant login = Instant.now();
        auth.valid(sim.session(), TOKEN_VERSION.incrementAndGet());
        await().atMost(Duration.ofSeconds(15)).until(() -> !wsBatches(login).isEmpty());
    }

    @Test
    void a401AtTheHandshakeBlocksTheFeedUntilANewLogin() {
        long version = TOKEN_VERSION.get();
        long handshakesBefore = sim.stats().path("ws_handshakes_total").asLong();
        Instant expired = Instant.now();
        sim.expireSessionsAndDrop();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !stateEvents(expired, "AUTH_BLOCKED").isEmpty());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bus.since(expired, AuthRedisNames.REPORTS_CHANNEL).stream()
                        .anyMatch(m -> m.body().path("type").asText().equals("handshake_rejected")
                                && m.body().path("token_version").asLong() == version
                                && m.body().path("http_status").asInt() == 401));
        String reason = given().get("/api/feed/state").then().extract().path("reason");
        assertTrue(reason != null && reason.contains("401"), reason);
        // No handshake loop while blocked (backoff alone would retry many times in this window).
        await().during(Duration.ofSeconds(10))
                .atMost(Duration.ofSeconds(12))
                .until(() -> sim.stats().path("ws_handshakes_total").asLong() - handshakesBefore <= 2);
        for (Collector.Message m : bus.all()) {
            assertFalse(m.body().toString().contains("eyJ"), "a session token leaked to Redis: " + m.body());
        }
        Instant login = Instant.now();
        auth.valid(sim.session(), TOKEN_VERSION.incrementAndGet());
        await().atMost(Duration.ofSeconds(15)).until(() -> !wsBatches(login).isEmpty());
    }

    private void demand(String symbol, String mode) {
        redis.command(
                "ZADD", FeedRedisNames.DEMAND_OWNERS_KEY, Long.toString(System.currentTimeMillis() + 60_000), GATEWAY);
        redis.command("HSET", FeedRedisNames.demandKey(GATEWAY), symbol, "{\"mode\":\"" + mode + "\",\"clients\":1}");
        redis.command(
                "PUBLISH",
                FeedRedisNames.DEMAND_CHANNEL,
                "{\"type\":\"demand_changed\",\"owner\":\"" + GATEWAY + "\"}");
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
            assertTrue(age != null && age < 1.5, "last tick age " + age);
        });
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

    /** The first feed state change after {@code from} that leaves CONNECTED. */
    private Collector.Message awaitState(Instant from, Duration within) {
        await().atMost(within).until(() -> !leftConnected(from).isEmpty());
        return leftConnected(from).get(0);
    }

    private List<Collector.Message> leftConnected(Instant from) {
        return bus.matching(
                from,
                FeedRedisNames.STATE_CHANNEL,
                b -> !"CONNECTED".equals(b.path("to").asText()));
    }

    private List<Collector.Message> stateEvents(Instant from, String to) {
        return bus.matching(
                from, FeedRedisNames.STATE_CHANNEL, b -> to.equals(b.path("to").asText()));
    }
}
