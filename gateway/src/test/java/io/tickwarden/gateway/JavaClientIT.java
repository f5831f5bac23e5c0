package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.client.Delivery;
import io.tickwarden.client.Mode;
import io.tickwarden.client.TickwardenClient;
import io.tickwarden.client.error.AuthenticationException;
import io.tickwarden.client.error.ConnectionLostException;
import io.tickwarden.client.error.SlowConsumerException;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.gateway.GatewayMessages;
import io.tickwarden.gateway.support.ClientRecorder;
import io.tickwarden.gateway.support.ClientRecorder.Disconnect;
import io.tickwarden.gateway.support.ClientRecorder.Received;
import io.tickwarden.sim.Instrument;
import io.tickwarden.sim.InstrumentCatalog;
import io.tickwarden.testing.TickwardenSystem;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client ({@code clients/java}) against the whole system as real processes (redis-server, kite-sim, auth,
 * feed and this gateway, packaged): a wrong key stops it at once, ticks arrive typed, a gateway restart is recovered
 * by position (the missed ticks replayed, flagged, no gap, no duplicate), and a listener that stalls with
 * {@code delivery=all} is closed with 4008, which the client surfaces and recovers from.
 */
class JavaClientIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final double NORMAL_RATE = 5;
    /** Enough instruments in full mode that, at 50 ticks/s each, a stalled reader's buffers fill within seconds. */
    private static final int SLOW_SYMBOLS = 40;

    private static final List<String> RESTART_SYMBOLS = List.of("NSE:INFY", "NSE:TCS");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TickwardenSystem system;
    private static List<String> equities;

    @BeforeAll
    static void startSystem() throws Exception {
        equities = InstrumentCatalog.build(LocalDate.now(ZoneId.of("Asia/Kolkata")), 120).all().stream()
                .filter(i -> i.exchange().equals("NSE") && "EQ".equals(i.instrumentType()))
                .map(Instrument::key)
                .limit(SLOW_SYMBOLS)
                .toList();
        system = TickwardenSystem.create()
                .with("kite-sim", "kite-sim.ticks-per-second", String.valueOf(NORMAL_RATE))
                .with("feed-service", "feed.rest-fallback-enabled", "false")
                // Kept subscribed upstream while the gateway (whose demand goes with it) is down.
                .with("feed-service", "feed.watchlist", String.join(",", RESTART_SYMBOLS))
                // A small queue and write window, so a stalled delivery=all reader is closed soon.
                .with("gateway", "gateway.ws.all-queue-ticks", "200")
                .with("gateway", "gateway.ws.write-buffer-bytes", "32768")
                .start("kite-sim", "auth-service", "feed-service", "gateway");
        // The login a human does: auth-service -> kite-sim's login page -> callback, redirects followed.
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .cookieHandler(new CookieManager())
                .build();
        HttpResponse<String> login = browser.send(
                HttpRequest.newBuilder(URI.create(system.url("auth-service") + "/api/auth/login"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aWrongKeyStopsTheClientWithAuthenticationExceptionAndNoRetries() {
        double refusedBefore = metric("gateway_ws_rejected_upgrades_total", "");
        ClientRecorder recorder = new ClientRecorder();
        try (TickwardenClient client = client("not-the-key", Delivery.LATEST, recorder)) {
            ExecutionException e = assertThrows(
                    ExecutionException.class, () -> client.connect().get(30, TimeUnit.SECONDS));
            AuthenticationException auth = assertInstanceOf(AuthenticationException.class, e.getCause());
            assertEquals(401, auth.status());
            assertFalse(auth.retryable());
            assertEquals(TickwardenClient.State.STOPPED, client.state());
            assertSame(auth, client.stoppedBy());
            // No retry loop: over 20 first-backoff steps the gateway sees that one refused upgrade and no other.
            await().during(Duration.ofSeconds(2))
                    .atMost(WAIT)
                    .until(() -> metric("gateway_ws_rejected_upgrades_total", "") == refusedBefore + 1);
            assertEquals(List.of(new Disconnect(auth, false, 0, 0)), recorder.disconnects);
            assertThrows(IllegalStateException.class, () -> client.subscribe(List.of("NSE:INFY"), Mode.LTP));
        }
    }

    @Test
    void typedTicksThenAGatewayRestartIsRecoveredByPosition() throws Exception {
        List<String> symbols = RESTART_SYMBOLS;
        ClientRecorder recorder = new ClientRecorder();
        try (TickwardenClient client = client(TickwardenSystem.CLIENT_KEY, Delivery.ALL, recorder)) {
            client.subscribe(symbols, Mode.QUOTE);
            client.connect().get(30, TimeUnit.SECONDS);
            await().atMost(WAIT)
                    .until(() ->
                            symbols.stream().allMatch(s -> recorder.ticksOf(s).size() >= 3));
            FeedTick first = recorder.ticksOf("NSE:INFY").get(0);
            assertEquals("quote", first.mode());
            assertTrue(first.seq() > 0 && first.last_price() > 0, first::toString);
            assertNotNull(first.ohlc(), first::toString);
            assertFalse(recorder.statuses.isEmpty(), "connection_status comes first on every connection");
            assertTrue(recorder.ticks.stream().noneMatch(Received::recovered));
            int snapshots = recorder.snapshots.size();

            system.app("gateway").stop(); // SIGTERM: every client gets 1001
            await().atMost(WAIT).until(() -> !recorder.disconnects.isEmpty());
            Disconnect goingAway = recorder.disconnects.get(0);
            assertInstanceOf(ConnectionLostException.class, goingAway.cause());
            assertEquals(OptionalInt.of(1001), goingAway.cause().closeCode());
            assertTrue(goingAway.reconnecting());
            Map<String, Long> positions = recorder.positionsAt(goingAway);
            assertEquals(positions, client.positions());
            // While the gateway is down the feed keeps writing history: wait until each symbol has missed ticks.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (String s : symbols) {
                    assertTrue(
                            historyTop(s) >= positions.get(s) + 3,
                            s + " history ends at " + historyTop(s) + ", position " + positions.get(s));
                }
            });
            system.app("gateway").start();

            await().atMost(WAIT)
                    .until(() -> recorder.recoveries.size() == symbols.size()
                            && symbols.stream()
                                    .allMatch(s -> liveTicksAfter(recorder, goingAway.ticksBefore(), s) >= 2));
            assertEquals(
                    List.of(true),
                    List.copyOf(recorder.connects).stream().skip(1).distinct().toList());
            for (GatewayMessages.Recovery r : recorder.recoveries) {
                assertTrue(r.recovered() && r.replayed() >= 3, r::toString);
                assertReplayedThenLive(
                        recorder, goingAway.ticksBefore(), r.symbol(), positions.get(r.symbol()), r.replayed());
            }
            assertEquals(snapshots, recorder.snapshots.size(), "a recovered symbol gets no snapshot");
        } finally {
            system.app("gateway").start();
        }
    }

    @Test
    void aStalledListenerWithDeliveryAllIsClosedWith4008AndRecovers() throws Exception {
        double slowBefore = metric("gateway_ws_closes_total", "reason=\"slow_consumer\"");
        ClientRecorder recorder = new ClientRecorder();
        try (TickwardenClient client = client(TickwardenSystem.CLIENT_KEY, Delivery.ALL, recorder)) {
            client.subscribe(equities, Mode.FULL);
            client.connect().get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> !recorder.snapshots.isEmpty() && !recorder.ticks.isEmpty());

            recorder.holdNextTick(); // the application stalls: the client stops reading, the socket backs up
            try {
                setRate(50);
                await().atMost(WAIT)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> metric("gateway_ws_closes_total", "reason=\"slow_consumer\"") > slowBefore);
            } finally {
                setRate(NORMAL_RATE);
                recorder.release();
            }

            // The client reads what was already on the wire, then the close frame behind it.
            await().atMost(WAIT).until(() -> !recorder.disconnects.isEmpty());
            Disconnect slow = recorder.disconnects.get(0);
            SlowConsumerException e = assertInstanceOf(SlowConsumerException.class, slow.cause(), slow::toString);
            assertEquals(OptionalInt.of(4008), e.closeCode());
            assertTrue(e.getMessage().contains("delivery=all"), e.getMessage());
            assertTrue(slow.reconnecting());
            Map<String, Long> positions = recorder.positionsAt(slow);

            // It reconnects with positions: each symbol is recovered (replayed, flagged) or reloaded by snapshot.
            await().atMost(WAIT).until(() -> recorder.recoveries.size() == positions.size());
            long replayed = 0;
            for (GatewayMessages.Recovery r : recorder.recoveries) {
                if (r.recovered()) {
                    replayed += r.replayed();
                    int count = r.replayed();
                    await().atMost(WAIT).until(() -> liveTicksAfter(recorder, slow.ticksBefore(), r.symbol()) >= 1);
                    assertReplayedThenLive(recorder, slow.ticksBefore(), r.symbol(), positions.get(r.symbol()), count);
                } else {
                    assertNotNull(r.reason(), r::toString);
                    await().atMost(WAIT)
                            .until(() -> recorder.snapshots.stream()
                                    .skip(slow.snapshotsBefore())
                                    .anyMatch(s -> s.quotes().stream()
                                            .anyMatch(q -> q.symbol().equals(r.symbol()))));
                }
            }
            assertTrue(replayed > 0, "the ticks dropped by the 4008 are replayed: " + recorder.recoveries);
            System.out.printf(
                    "JavaClientIT: 4008 after %d ticks; %d of %d symbols recovered, %d ticks replayed%n",
                    slow.ticksBefore(),
                    recorder.recoveries.stream()
                            .filter(GatewayMessages.Recovery::recovered)
                            .count(),
                    recorder.recoveries.size(),
                    replayed);
        } finally {
            recorder.release();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static TickwardenClient client(String key, Delivery delivery, ClientRecorder recorder) {
        return TickwardenClient.builder()
                .uri(URI.create(system.url("gateway")))
                .apiKey(key)
                .delivery(delivery)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .listener(recorder)
                .build();
    }

    /**
     * From {@code from} on, {@code symbol}'s ticks are: {@code replayed} recovered ones continuing the position
     * exactly, then live ones continuing them: no gap, no duplicate (seq's n counts every tick of an instrument).
     */
    private static void assertReplayedThenLive(
            ClientRecorder recorder, int from, String symbol, long position, int replayed) {
        List<Received> after = recorder.ticksFrom(from).stream()
                .filter(r -> r.tick().symbol().equals(symbol))
                .toList();
        long expected = position + 1;
        for (int i = 0; i < after.size(); i++) {
            Received r = after.get(i);
            assertEquals(expected++, r.tick().seq(), () -> symbol + " after " + position + ": " + seqs(after));
            assertEquals(
                    i < replayed,
                    r.recovered(),
                    () -> symbol + " tick " + r.tick().seq() + " recovered flag");
        }
    }

    private static int liveTicksAfter(ClientRecorder recorder, int from, String symbol) {
        return (int) recorder.ticksFrom(from).stream()
                .filter(r -> !r.recovered() && r.tick().symbol().equals(symbol))
                .count();
    }

    private static List<Long> seqs(List<Received> ticks) {
        return ticks.stream().map(r -> r.tick().seq()).toList();
    }

    /** The seq of the newest entry of the symbol's history stream (entry ID {@code <epoch>-<n>}), or 0. */
    private static long historyTop(String symbol) {
        String reply = system.redis().command("XREVRANGE", FeedRedisNames.historyKey(symbol), "+", "-", "COUNT", "1");
        if (reply == null || reply.isBlank()) {
            return 0;
        }
        String[] id = reply.split("\n")[0].split("-");
        return Long.parseLong(id[0]) * 1_000_000_000L + Long.parseLong(id[1]);
    }

    private static void setRate(double ticksPerSecond) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(system.url("kite-sim") + "/sim/rate"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"ticks_per_second\":" + ticksPerSecond + "}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException("kite-sim /sim/rate: " + e, e);
        }
    }

    /** A counter from the gateway's Prometheus page (0 when absent), e.g. {@code gateway_ws_closes_total}. */
    private static double metric(String name, String label) {
        try {
            String page = HTTP.send(
                            HttpRequest.newBuilder(URI.create(system.url("gateway") + "/q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return page.lines()
                    .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                    .filter(l -> l.contains(label))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (Exception e) {
            throw new IllegalStateException("gateway /q/metrics: " + e, e);
        }
    }
}
