package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.session.SessionRedisNames;
import io.tickwarden.testing.RedisSentinelSet;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.TickwardenSystem;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system in Sentinel mode (a primary, a replica, three Sentinels; every service with
 * {@code quarkus.redis.client-type=sentinel}), two feed replicas, a valid login, a session override and 20
 * WebSocket clients ticking; then the primary is SIGKILLed. Sentinel (down-after 1 s) promotes the replica and
 * everything follows it by itself: the acceptance (issue 15).
 */
class SentinelFailoverIT {

    /** Waits for states the services reach within seconds; wide for a loaded machine. */
    private static final Duration STATE_WAIT = Duration.ofSeconds(60);
    /**
     * The bound this test asserts on the clients' longest gap: twice the 3 s the issue accepts. The 3 s figure itself
     * is a speed, so it is measured where speed belongs, by {@code bench/run.sh failover --reps 10} (10 of 10 under 3 s,
     * docs/operations.md); here, on a CI box whose 2 cores run the whole system, a gap past 6 s means the failover was
     * not followed (a deaf subscription, a fenced leader), not that the machine was busy. The measured gap is printed.
     */
    private static final Duration MAX_CLIENT_GAP = Duration.ofSeconds(6);

    private static final int CLIENTS = 20;
    private static final String LIVE_INSTANT = "2026-11-23T10:00:00+05:30";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> SERVICES =
            List.of("session-service", "auth-service", "feed-service", "feed-service-b", "gateway");

    private static TickwardenSystem system;

    @BeforeAll
    static void startSystem() {
        system = TickwardenSystem.createWithSentinel()
                .with("kite-sim", "kite-sim.ticks-per-second", "5")
                .with("session-service", "session.clock-start", LIVE_INSTANT)
                .with("feed-service", "feed.watchlist", "NSE:INFY,NSE:NIFTY 50")
                .with("feed-service", "feed.rest-fallback-enabled", "false")
                .with("feed-service", "feed.backoff-initial", "200ms")
                .with("feed-service", "feed.backoff-max", "1s")
                .with("gateway", "gateway.health.poll-interval", "500ms")
                .start("kite-sim", "session-service", "auth-service", "feed-service", "gateway");
        system.startInstance("feed-service", "feed-service-b");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void killingThePrimaryPromotesTheReplicaAndEveryoneFollows() throws Exception {
        RedisSentinelSet sentinels = system.sentinels();
        login();
        awaitPriority("MARKET_SESSION");
        String overrideId = addOverride();
        JsonNode authBefore = authState(sentinels.primary());
        assertEquals("VALID", authBefore.path("state").asText(), authBefore::toString);
        long tokenVersion = authBefore.path("token_version").asLong();
        String leaseEpoch = sentinels.primary().command("GET", FeedRedisNames.LEADER_EPOCH_KEY);

        List<Client> clients = new ArrayList<>();
        UpstreamSockets upstream = new UpstreamSockets();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(Client.connect(URI.create(system.url("gateway"))));
            }
            await().atMost(STATE_WAIT).until(() -> clients.stream().allMatch(c -> c.ticks.size() >= 5));
            upstream.start();

            int oldPrimary = sentinels.primaryPort();
            RedisServerProcess killed = sentinels.killPrimary();
            long killedAt = System.nanoTime();
            int newPrimary = sentinels.awaitPromotion(oldPrimary, STATE_WAIT);
            long promotedAt = System.nanoTime();
            assertNotEquals(oldPrimary, newPrimary);

            // Every service's readiness comes back by itself, and ticks resume at every client.
            await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (String s : SERVICES) {
                    assertTrue(system.app(s).ready(), s + " not ready after the failover");
                }
            });
            long resumedBy = System.nanoTime();
            await().atMost(STATE_WAIT).until(() -> clients.stream().allMatch(c -> c.ticksAfter(resumedBy) >= 5));
            upstream.stop();

            List<Long> gaps = clients.stream()
                    .map(c -> c.longestGapMs(killedAt - Duration.ofSeconds(1).toNanos()))
                    .sorted()
                    .toList();
            long worst = gaps.get(gaps.size() - 1);
            System.out.printf(
                    "SentinelFailoverIT: promotion %d ms after the kill; client gap p50 %d ms, max %d ms (limit %d ms);"
                            + " most upstream sockets seen at once %d (%d samples)%n",
                    (promotedAt - killedAt) / 1_000_000,
                    gaps.get(gaps.size() / 2),
                    worst,
                    MAX_CLIENT_GAP.toMillis(),
                    upstream.max.get(),
                    upstream.samples.get());
            assertTrue(worst < MAX_CLIENT_GAP.toMillis(), "longest client gap " + worst + " ms: " + gaps);

            // Never two feed replicas on the broker: one feed needs one socket for two instruments.
            assertTrue(upstream.samples.get() > 10, "kite-sim was sampled");
            assertEquals(1, upstream.max.get(), "upstream sockets open at once at kite-sim");

            // The writes that must survive a failover did.
            RedisServerProcess primary = sentinels.primary();
            JsonNode authAfter = authState(primary);
            assertEquals("VALID", authAfter.path("state").asText(), authAfter::toString);
            assertEquals(tokenVersion, authAfter.path("token_version").asLong(), authAfter::toString);
            assertTrue(
                    primary.command("GET", AuthRedisNames.TOKEN_KEY).contains("\"token_version\":" + tokenVersion),
                    "auth:token at the same version on the new primary");
            assertTrue(
                    primary.command("HGET", SessionRedisNames.OVERRIDES_HASH, overrideId) != null,
                    "override " + overrideId + " on the new primary");
            assertTrue(get(system.url("session-service") + "/api/session/overrides")
                    .contains(overrideId));

            // The old primary comes back as a replica and the set is whole again.
            sentinels.restart(killed);
            sentinels.awaitHealthy();
            assertEquals(newPrimary, sentinels.primaryPort());
        } finally {
            upstream.stop();
            clients.forEach(Client::close);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A WebSocket client that notes when each tick message arrived (monotonic time). */
    private static final class Client implements WebSocket.Listener {

        final List<Long> ticks = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Client connect(URI gateway) throws Exception {
            Client c = new Client();
            URI ws = URI.create(
                    gateway.toString().replace("http://", "ws://") + "/ws/market?token=" + TickwardenSystem.CLIENT_KEY);
            c.socket = HTTP.newWebSocketBuilder().buildAsync(ws, c).get(10, TimeUnit.SECONDS);
            c.socket
                    .sendText(
                            "{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\",\"NSE:NIFTY 50\"],\"mode\":\"quote\"}",
                            true)
                    .get(10, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"type\":\"tick")) {
                    ticks.add(System.nanoTime());
                }
            }
            webSocket.request(1);
            return null;
        }

        long ticksAfter(long nanos) {
            return ticks.stream().filter(t -> t > nanos).count();
        }

        /** The longest time between two tick messages from {@code fromNanos} on. */
        long longestGapMs(long fromNanos) {
            List<Long> times = List.copyOf(ticks);
            long worst = 0;
            for (int i = 1; i < times.size(); i++) {
                if (times.get(i) >= fromNanos) {
                    worst = Math.max(worst, times.get(i) - Math.max(times.get(i - 1), fromNanos));
                }
            }
            return worst / 1_000_000;
        }

        void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    /** Samples kite-sim's open ticker sockets every 100 ms: the most seen at once. */
    private static final class UpstreamSockets {

        final AtomicInteger max = new AtomicInteger();
        final AtomicInteger samples = new AtomicInteger();
        private ScheduledExecutorService sampler;

        void start() {
            sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> {
                        try {
                            JsonNode stats = JSON.readTree(get(system.url("kite-sim") + "/sim/stats"));
                            max.accumulateAndGet(
                                    stats.path("ws_connections_open").asInt(), Math::max);
                            samples.incrementAndGet();
                        } catch (IOException | RuntimeException e) {
                            // A missed sample is no finding; the next one comes 100 ms later.
                        }
                    },
                    0,
                    100,
                    TimeUnit.MILLISECONDS);
        }

        void stop() {
            if (sampler != null) {
                sampler.shutdownNow();
            }
        }
    }

    private static JsonNode authState(RedisServerProcess primary) throws IOException {
        return JSON.readTree(primary.command("GET", AuthRedisNames.STATE_KEY));
    }

    /** A special session on a Saturday after the pinned day: it must survive, and it leaves today LIVE. */
    private static String addOverride() throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(system.url("session-service") + "/api/session/overrides"))
                        .header("Content-Type", "application/json")
                        .header("X-Admin-Key", TickwardenSystem.ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"type\":\"SPECIAL_SESSION\",\"exchange\":\"NSE\",\"date\":\"2026-11-28\","
                                        + "\"reason\":\"failover test\",\"windows\":\"LIVE 10:00-11:00\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        return JSON.readTree(r.body()).path("id").asText();
    }

    /** The redirects a browser follows through kite-sim's login, with a cookie jar. */
    private static void login() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .cookieHandler(new CookieManager())
                .build();
        HttpResponse<String> end = browser.send(
                HttpRequest.newBuilder(URI.create(system.url("auth-service") + "/api/auth/login"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, end.statusCode());
    }

    private static void awaitPriority(String expected) {
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode health = JSON.readTree(get(system.url("gateway") + "/api/system/health"));
            assertEquals(expected, health.path("priority_status").asText(), health::toString);
        });
    }

    private static String get(String url) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
