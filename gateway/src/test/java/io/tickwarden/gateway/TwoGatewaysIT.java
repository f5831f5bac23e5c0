package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.client.Delivery;
import io.tickwarden.client.Mode;
import io.tickwarden.client.TickwardenClient;
import io.tickwarden.contracts.feed.FeedRedisNames;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway replicas on one system (redis-server, kite-sim, auth, feed, gateways {@code gw-a} and {@code gw-b},
 * packaged, as real processes), with the Java client given both URIs: clients split across the replicas get the same
 * ticks; SIGKILL of one moves its clients to the other, where they recover by position; the dead replica's demand
 * lapses within its TTL and the feed unsubscribes upstream what only its clients wanted, while what is still wanted
 * stays subscribed.
 */
class TwoGatewaysIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Short, so the dead replica's demand lapses soon; refreshed well within it. */
    private static final Duration DEMAND_TTL = Duration.ofSeconds(5);
    /** Demand TTL + 30 s, as every wait for the lapse. */
    private static final Duration LAPSE_WAIT = DEMAND_TTL.plusSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TickwardenSystem system;
    /** Watched through both replicas. */
    private static String shared;
    /** Watched only by the failing-over client on gw-a: still wanted after the kill (then through gw-b). */
    private static String aOnly;
    /** Watched only through gw-b. */
    private static String bOnly;
    /** Watched only by a client that knows gw-a alone: nobody wants it once gw-a is dead. */
    private static String deadOnly;

    @BeforeAll
    static void startSystem() throws Exception {
        List<String> equities = InstrumentCatalog.build(LocalDate.now(ZoneId.of("Asia/Kolkata")), 120).all().stream()
                .filter(i -> i.exchange().equals("NSE") && "EQ".equals(i.instrumentType()))
                .map(Instrument::key)
                .limit(4)
                .toList();
        shared = equities.get(0);
        aOnly = equities.get(1);
        bOnly = equities.get(2);
        deadOnly = equities.get(3);
        system = TickwardenSystem.create()
                .with("kite-sim", "kite-sim.ticks-per-second", "5")
                .with("feed-service", "feed.rest-fallback-enabled", "false")
                .with("gateway", "gateway.instance-id", "gw-a")
                .with("gateway", "gateway.demand.ttl", DEMAND_TTL.toSeconds() + "s")
                .with("gateway", "gateway.demand.refresh", "1s")
                .with("gateway-b", "gateway.instance-id", "gw-b")
                .start("kite-sim", "auth-service", "feed-service", "gateway");
        system.startGatewayReplica("gateway-b");
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
    void clientsOnTwoReplicasGetTheSameTicksAndADeadReplicasClientsMoveOverAndItsDemandLapses() throws Exception {
        URI a = URI.create(system.url("gateway"));
        URI b = URI.create(system.url("gateway-b"));
        ClientRecorder onA = new ClientRecorder();
        ClientRecorder onB = new ClientRecorder();
        ClientRecorder onlyA = new ClientRecorder();
        try (TickwardenClient clientA = client(List.of(a, b), onA);
                TickwardenClient clientB = client(List.of(b, a), onB);
                TickwardenClient clientOnlyA = client(List.of(a), onlyA)) {
            clientA.subscribe(List.of(shared, aOnly), Mode.QUOTE);
            clientB.subscribe(List.of(shared, bOnly), Mode.QUOTE);
            clientOnlyA.subscribe(List.of(deadOnly), Mode.LTP);
            clientA.connect().get(30, TimeUnit.SECONDS);
            clientB.connect().get(30, TimeUnit.SECONDS);
            clientOnlyA.connect().get(30, TimeUnit.SECONDS);
            assertTrue(onA.gateways.get(0).getPort() == a.getPort(), onA.gateways::toString);
            assertTrue(onB.gateways.get(0).getPort() == b.getPort(), onB.gateways::toString);

            // Both replicas' demand reaches the feed: the union is subscribed upstream, shared wanted by both.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                Map<String, JsonNode> held = feedHeld();
                assertEquals(new TreeSet<>(Set.of(shared, aOnly, bOnly, deadOnly)), new TreeSet<>(held.keySet()));
                assertEquals(Set.of("gw-a", "gw-b"), owners(held.get(shared)), held::toString);
                assertEquals(
                        4,
                        simStats().path("subscribed_tokens").asInt(),
                        () -> simStats().toString());
            });
            await().atMost(WAIT)
                    .until(() -> onA.ticksOf(shared).size() >= 10
                            && onB.ticksOf(shared).size() >= 10
                            && onA.ticksOf(aOnly).size() >= 3
                            && onB.ticksOf(bOnly).size() >= 3
                            && onlyA.ticksOf(deadOnly).size() >= 3);
            sameTicksOnBothReplicas(onA, onB);

            // SIGKILL gw-a: no close frame, no demand withdrawn.
            long killedAt = System.nanoTime();
            system.app("gateway").kill();
            await().atMost(WAIT).until(() -> !onA.disconnects.isEmpty() && !onlyA.disconnects.isEmpty());
            Disconnect lost = onA.disconnects.get(0);
            assertTrue(lost.reconnecting(), lost::toString);
            Map<String, Long> positions = onA.positionsAt(lost);

            // Its two-URI client comes back on gw-b and recovers by position there.
            await().atMost(WAIT)
                    .until(() -> onA.recoveries.size() == 2
                            && liveTicksAfter(onA, lost.ticksBefore(), shared) >= 2
                            && liveTicksAfter(onA, lost.ticksBefore(), aOnly) >= 2);
            assertEquals(b.getPort(), onA.gateways.get(onA.gateways.size() - 1).getPort(), onA.gateways::toString);
            assertEquals(b.getPort(), clientA.gateway().orElseThrow().getPort());
            for (GatewayMessages.Recovery r : onA.recoveries) {
                if (r.recovered()) {
                    nothingMissedNothingTwice(onA, lost.ticksBefore(), r.symbol(), positions.get(r.symbol()));
                } else {
                    assertNotNull(r.reason(), r::toString);
                    await().atMost(WAIT)
                            .until(() -> onA.snapshots.stream()
                                    .skip(lost.snapshotsBefore())
                                    .anyMatch(s -> s.quotes().stream()
                                            .anyMatch(q -> q.symbol().equals(r.symbol()))));
                }
            }
            // The client on gw-b never noticed.
            assertTrue(onB.disconnects.isEmpty(), onB.disconnects::toString);

            // gw-a's demand lapses: its owner entry is pruned, the feed drops what only gw-a's clients wanted, and
            // keeps (without a gap) what gw-b's clients still want.
            await().atMost(LAPSE_WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertEquals(
                        "", nullToEmpty(system.redis().command("ZSCORE", FeedRedisNames.DEMAND_OWNERS_KEY, "gw-a")));
                Map<String, JsonNode> held = feedHeld();
                assertEquals(new TreeSet<>(Set.of(shared, aOnly, bOnly)), new TreeSet<>(held.keySet()));
                assertEquals(Set.of("gw-b"), owners(held.get(shared)), held::toString);
                assertEquals(Set.of("gw-b"), owners(held.get(aOnly)), held::toString);
                assertEquals(
                        3,
                        simStats().path("subscribed_tokens").asInt(),
                        () -> simStats().toString());
            });
            long lapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            int bTicks = onB.ticks.size();
            await().atMost(WAIT)
                    .until(() -> onB.ticksFrom(bTicks).stream()
                            .anyMatch(r -> r.tick().symbol().equals(bOnly)));
            for (String s : List.of(shared, bOnly)) {
                List<Long> seqs = seqs(onB.ticksFrom(0), s);
                for (int i = 1; i < seqs.size(); i++) {
                    assertEquals(seqs.get(i - 1) + 1, seqs.get(i), () -> s + " on gw-b: " + seqs);
                }
            }
            assertFalse(onlyA.connects.size() > 1, "the gw-a-only client cannot reconnect while gw-a is dead");
            System.out.printf(
                    "TwoGatewaysIT: SIGKILL of gw-a: its client's first tick on gw-b %d ms after the kill, "
                            + "tick gap %d ms (last tick before -> first tick after), %d of 2 symbols recovered by position; "
                            + "demand lapsed and upstream unsubscribed %d ms after the kill (TTL %d s)%n",
                    TimeUnit.NANOSECONDS.toMillis(firstTickAfterAt(onA, lost) - killedAt),
                    gapMs(onA, lost),
                    onA.recoveries.stream()
                            .filter(GatewayMessages.Recovery::recovered)
                            .count(),
                    lapsedMs,
                    DEMAND_TTL.toSeconds());
        }
    }

    /** A symbol watched through both replicas: the same ticks (seq and price), none missing, in the common range. */
    private static void sameTicksOnBothReplicas(ClientRecorder onA, ClientRecorder onB) {
        List<Received> viaA = onA.ticksFrom(0);
        List<Received> viaB = onB.ticksFrom(0);
        Map<Long, Double> priceA = new HashMap<>();
        viaA.stream()
                .filter(r -> r.tick().symbol().equals(shared))
                .forEach(r -> priceA.put(r.tick().seq(), r.tick().last_price()));
        List<Long> seqA = seqs(viaA, shared);
        List<Long> seqB = seqs(viaB, shared);
        long from = Math.max(seqA.get(0), seqB.get(0));
        long to = Math.min(seqA.get(seqA.size() - 1), seqB.get(seqB.size() - 1));
        List<Long> commonA = seqA.stream().filter(s -> s >= from && s <= to).toList();
        List<Long> commonB = seqB.stream().filter(s -> s >= from && s <= to).toList();
        assertTrue(to - from >= 5, () -> "too little overlap: " + seqA + " / " + seqB);
        assertEquals(commonA, commonB, "the same ticks of " + shared + " through gw-a and gw-b");
        for (int i = 1; i < commonA.size(); i++) {
            assertEquals(commonA.get(i - 1) + 1, commonA.get(i), () -> "a gap in " + commonA);
        }
        viaB.stream()
                .filter(r -> r.tick().symbol().equals(shared)
                        && priceA.containsKey(r.tick().seq()))
                .forEach(r -> assertEquals(priceA.get(r.tick().seq()), r.tick().last_price(), r::toString));
    }

    /** From {@code from} on, {@code symbol}'s ticks continue {@code position} exactly: no gap, no duplicate. */
    private static void nothingMissedNothingTwice(ClientRecorder recorder, int from, String symbol, long position) {
        List<Long> after = seqs(recorder.ticksFrom(from), symbol);
        for (int i = 0; i < after.size(); i++) {
            assertEquals(position + 1 + i, after.get(i), () -> symbol + " after " + position + ": " + after);
        }
    }

    private static int liveTicksAfter(ClientRecorder recorder, int from, String symbol) {
        return (int) recorder.ticksFrom(from).stream()
                .filter(r -> !r.recovered() && r.tick().symbol().equals(symbol))
                .count();
    }

    private static List<Long> seqs(List<Received> ticks, String symbol) {
        return ticks.stream()
                .filter(r -> r.tick().symbol().equals(symbol))
                .map(r -> r.tick().seq())
                .toList();
    }

    /** When the first tick after the disconnect (replayed or live) was delivered. */
    private static long firstTickAfterAt(ClientRecorder recorder, Disconnect lost) {
        return List.copyOf(recorder.arrivals).get(lost.ticksBefore());
    }

    /** Last tick delivered before the disconnect to the first one delivered after (replayed or live). */
    private static long gapMs(ClientRecorder recorder, Disconnect lost) {
        List<Long> arrivals = List.copyOf(recorder.arrivals);
        return TimeUnit.NANOSECONDS.toMillis(arrivals.get(lost.ticksBefore()) - arrivals.get(lost.ticksBefore() - 1));
    }

    private static TickwardenClient client(List<URI> uris, ClientRecorder recorder) {
        return TickwardenClient.builder()
                .uris(uris)
                .apiKey(TickwardenSystem.CLIENT_KEY)
                .delivery(Delivery.ALL)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .listener(recorder)
                .build();
    }

    /** {@code GET /api/feed/subscriptions}: symbol to its entry ({@code wanted_by}, {@code mode}...). */
    private static Map<String, JsonNode> feedHeld() throws Exception {
        JsonNode body = get(system.url("feed-service") + "/api/feed/subscriptions");
        Map<String, JsonNode> out = new HashMap<>();
        body.path("instruments").forEach(i -> out.put(i.path("symbol").asText(), i));
        return out;
    }

    private static Set<String> owners(JsonNode instrument) {
        Set<String> out = new TreeSet<>();
        instrument.path("wanted_by").fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode simStats() {
        try {
            return get(system.url("kite-sim") + "/sim/stats");
        } catch (Exception e) {
            throw new IllegalStateException("kite-sim /sim/stats: " + e, e);
        }
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + " -> " + r.body());
        return JSON.readTree(r.body());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
