package io.tickwarden.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.feed.support.AuthSeeder;
import io.tickwarden.feed.support.SimControl;
import io.tickwarden.testing.KiteSimTestResource;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection pool against real kite-sim (3 sockets x 3,000 tokens per api_key, as Kite) and Redis: 7,000
 * instruments of gateway demand over three sockets, stable assignment when demand changes, one socket cut while
 * the others keep ticking, and 9,001 instruments past capacity. kite-sim lists ~9,900 instruments here (400 option
 * strikes per side). Every scenario sets its own demand first, so they run in any order.
 */
@QuarkusTest
@TestProfile(FeedPoolTest.LargeMessages.class)
@QuarkusTestResource(
        value = KiteSimTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = "kite-sim.heartbeat-interval", value = "250ms"),
            @ResourceArg(name = "kite-sim.option-strikes-per-side", value = "400")
        })
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class FeedPoolTest {

    private static final Logger LOG = Logger.getLogger(FeedPoolTest.class);
    private static final String OWNER = "gw-pool";
    private static final AtomicLong TOKEN_VERSION = new AtomicLong(1);

    /**
     * Full-size tick messages (7,000 ticks/s in messages of two would only load the test's own machine), and the
     * lease timings of a loaded CI box: the lease has its own tests, and a fencing here would only restart the pool.
     */
    public static class LargeMessages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "feed.ticks-message-max-ticks",
                    "250",
                    "feed.watchlist",
                    "NSE:INFY",
                    "feed.lease.ttl",
                    "15s",
                    "feed.lease.fence-after",
                    "10s",
                    "feed.lease.renew-interval",
                    "1s");
        }
    }

    @KiteSimTestResource.InjectKiteSim
    QuarkusAppProcess simProcess;

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    SimControl sim;

    @BeforeEach
    void loggedIn() {
        sim = new SimControl(simProcess.baseUrl());
        sim.reset();
        sim.rate(1);
        AuthSeeder auth = new AuthSeeder(redis);
        auth.sessionLive();
        String state = given().get("/api/feed/state").then().extract().path("state");
        if (!"CONNECTED".equals(state)) {
            auth.valid(sim.login(), TOKEN_VERSION.incrementAndGet());
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Long.parseLong(redis.command("HLEN", FeedRedisNames.INSTRUMENTS_KEY)
                                .substring(1))
                        > 9_100);
    }

    /** Every symbol of the day's dump (as the feed wrote it to feed:instruments) but the watchlist's, sorted. */
    private List<String> symbols() {
        List<String> out = new ArrayList<>(
                List.of(redis.command("HKEYS", FeedRedisNames.INSTRUMENTS_KEY).split("\n")));
        out.remove("NSE:INFY");
        out.sort(null);
        return out;
    }

    /**
     * Replaces this gateway's demand with {@code symbols} (ltp) at once (built aside and renamed over it, so the
     * feed never reads half of it) and tells the feed.
     */
    private void demand(List<String> symbols) {
        String staging = FeedRedisNames.demandKey(OWNER) + ":staging";
        redis.command("DEL", staging);
        for (int from = 0; from < symbols.size(); from += 500) {
            List<String> args = new ArrayList<>(List.of("HSET", staging));
            for (String s : symbols.subList(from, Math.min(symbols.size(), from + 500))) {
                args.add(s);
                args.add("{\"mode\":\"ltp\",\"clients\":1}");
            }
            redis.command(args.toArray(String[]::new));
        }
        redis.command("RENAME", staging, FeedRedisNames.demandKey(OWNER));
        redis.command(
                "ZADD", FeedRedisNames.DEMAND_OWNERS_KEY, Long.toString(System.currentTimeMillis() + 3_600_000), OWNER);
        redis.command(
                "PUBLISH", FeedRedisNames.DEMAND_CHANNEL, "{\"type\":\"demand_changed\",\"owner\":\"" + OWNER + "\"}");
    }

    private static JsonPath subscriptions() {
        return given().get("/api/feed/subscriptions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Socket per symbol from GET /api/feed/subscriptions. */
    private static Map<String, Integer> socketBySymbol() {
        List<Map<String, Object>> items = subscriptions().getList("instruments");
        Map<String, Integer> out = new HashMap<>();
        for (Map<String, Object> i : items) {
            out.put((String) i.get("symbol"), (Integer) i.get("socket"));
        }
        return out;
    }

    private List<JsonNode> openSimSockets() {
        List<JsonNode> out = new ArrayList<>();
        sim.stats().path("sockets").forEach(out::add);
        return out;
    }

    private static long tokens(JsonNode simSocket) {
        long n = 0;
        for (JsonNode v : simSocket.path("tokens_by_mode")) {
            n += v.asLong();
        }
        return n;
    }

    /** Waits until the feed holds {@code count} instruments, every one confirmed by a tick. */
    private void awaitAllTicking(int count) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonPath s = subscriptions();
                    assertEquals(count, s.getInt("count"));
                    assertEquals(count, s.getInt("confirmed"), "every instrument ticking");
                });
    }

    @Test
    void sevenThousandInstrumentsTickOverThreeSocketsAndKeepTheirSocketWhenDemandChanges() {
        List<String> all = symbols();
        List<String> first = new ArrayList<>(all.subList(0, 7_000));
        demand(first);
        awaitAllTicking(7_001);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> sockets = openSimSockets();
            assertEquals(3, sockets.size(), "three sockets at kite-sim");
            sockets.forEach(s -> assertTrue(tokens(s) <= 3_000, "at most 3,000 tokens on a socket: " + s));
            assertEquals(7_001, sockets.stream().mapToLong(FeedPoolTest::tokens).sum());
        });
        Map<String, Integer> before = socketBySymbol();
        assertNull(subscriptions().getString("capacity_error"));

        List<String> next = new ArrayList<>(first);
        next.removeAll(first.subList(1_000, 1_200));
        next.addAll(all.subList(7_000, 7_200));
        demand(next);
        awaitAllTicking(7_001);
        Map<String, Integer> after = socketBySymbol();
        for (String symbol : next) {
            if (before.containsKey(symbol)) {
                assertEquals(before.get(symbol), after.get(symbol), symbol + " changed socket");
            }
        }
        assertTrue(all.subList(1_000, 1_200).stream().noneMatch(after::containsKey), "the removed 200 are gone");
    }

    @Test
    void aDroppedSocketComesBackWithAllItsInstrumentsWhileTheOthersKeepTicking() {
        demand(symbols().subList(0, 7_000));
        awaitAllTicking(7_001);
        JsonNode smallest = openSimSockets().stream()
                .min((a, b) -> Long.compare(tokens(a), tokens(b)))
                .orElseThrow();
        long held = tokens(smallest);
        int ours = given().get("/api/feed/state")
                .then()
                .extract()
                .jsonPath()
                .getInt("sockets.find { it.instruments == " + held + " }.socket");

        Instant cut = Instant.now();
        sim.dropSocket(smallest.path("id").asLong());
        double worstOtherAge = 0;
        Instant back = null;
        while (Duration.between(cut, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0) {
            JsonPath state = given().get("/api/feed/state").then().extract().jsonPath();
            for (Map<String, Object> s : state.<Map<String, Object>>getList("sockets")) {
                if ((Integer) s.get("socket") != ours && s.get("last_tick_seconds_ago") != null) {
                    worstOtherAge = Math.max(worstOtherAge, ((Number) s.get("last_tick_seconds_ago")).doubleValue());
                }
            }
            Map<String, Object> mine = state.getMap("sockets.find { it.socket == " + ours + " }");
            if (Duration.between(cut, Instant.now()).toMillis() > 300
                    && "CONNECTED".equals(mine.get("state"))
                    && ((Number) mine.get("confirmed")).longValue() == held) {
                back = Instant.now();
                break;
            }
            await().pollDelay(Duration.ofMillis(100)).until(() -> true);
        }
        assertNotNull(back, "socket " + ours + " back with all " + held + " instruments");
        LOG.infof(
                "socket %d cut: back with all %d instruments after %d ms; the other sockets' last tick was at most "
                        + "%.2f s old meanwhile",
                ours, held, Duration.between(cut, back).toMillis(), worstOtherAge);
        assertTrue(worstOtherAge < 5.0, "the other sockets kept ticking (ticks every second each): " + worstOtherAge);
        assertEquals(1, sim.stats().path("sockets_dropped").asLong(), "only the targeted socket was cut");
    }

    @Test
    void pastNineThousandOneCapacityErrorWithCounts() {
        demand(symbols().subList(0, 9_000));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath s = subscriptions();
            assertEquals(9_000, s.getInt("count"));
            assertEquals(9_001, s.getInt("wanted"));
            assertTrue(
                    s.getString("capacity_error")
                            .startsWith("capacity: 9001 instruments wanted, at most 9000 "
                                    + "(3 sockets x 3000); not subscribed (1): "),
                    s.getString("capacity_error"));
            assertTrue(given().get("/api/feed/state")
                    .then()
                    .extract()
                    .<String>path("last_error")
                    .startsWith("capacity: 9001 instruments wanted"));
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> sockets = openSimSockets();
            assertEquals(3, sockets.size());
            sockets.forEach(s -> assertEquals(3_000, tokens(s)));
        });
    }
}
