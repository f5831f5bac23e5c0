package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.gateway.GatewayCloseCodes;
import io.tickwarden.contracts.gateway.GatewayRecoveryReasons;
import io.tickwarden.gateway.support.RawWsClient;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.TickwardenSystem;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Recovery by position end to end, with real processes: kite-sim at 2 ticks/s, feed-service writing the history,
 * and two gateway replicas A and B. A client that was on A comes back on B with its positions and gets exactly what
 * a reference client that never left received; a leader change in between is EPOCH_CHANGED, an absence longer than
 * the history is TOO_OLD (both with the snapshot), and a {@code delivery=all} client that stops reading is closed
 * 4008 and recovers by position. One system for the class; the scenarios share it and run in order (the leader
 * change last).
 *
 * <p>The history is small here so "longer than the history" takes seconds: 60 ticks per symbol with Redis's stream
 * nodes at 10 entries (so {@code MAXLEN ~ 60} keeps 60 to 70), and the gateways replay at most 60.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String LIVE_INSTANT = "2026-11-23T10:00:00+05:30";
    private static final int SYMBOLS = 50;
    private static final int HISTORY = 60;
    private static final long PER_EPOCH = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TickwardenSystem system;
    private static List<String> symbols;
    /** The reference: on A with delivery=all from start to end. */
    private static WsClient reference;

    @BeforeAll
    static void startSystem() throws Exception {
        system = TickwardenSystem.create();
        system.redis().command("CONFIG", "SET", "stream-node-max-entries", "10");
        system.with("kite-sim", "kite-sim.ticks-per-second", "2")
                .with("session-service", "session.clock-start", LIVE_INSTANT)
                .with("feed-service", "feed.rest-fallback-enabled", "false")
                .with("feed-service", "feed.history.max-ticks", Integer.toString(HISTORY))
                .with("gateway", "gateway.recovery.max-replay-ticks", Integer.toString(HISTORY))
                .with("gateway-b", "gateway.ws.all-queue-ticks", "100")
                .with("gateway-b", "gateway.ws.write-buffer-bytes", "8192")
                .start("kite-sim", "session-service", "auth-service", "feed-service", "gateway");
        system.startGatewayReplica("gateway-b");
        login();
        await().atMost(WAIT).pollInterval(POLL).until(() -> nseSymbols().size() >= SYMBOLS);
        symbols = nseSymbols().subList(0, SYMBOLS);
        reference = connect("gateway", "all");
        reference.send(subscribe(null));
        awaitTicksForAll(reference);
    }

    @AfterAll
    static void stopSystem() {
        if (reference != null) {
            reference.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void aClientBackOnTheOtherReplicaGetsExactlyWhatTheReferenceGot() {
        Map<String, Long> positions;
        List<JsonNode> before;
        try (WsClient c = connect("gateway", "all")) {
            c.send(subscribe(null));
            awaitTicksForAll(c);
            before = List.copyOf(c.messages);
        }
        positions = positions(before);
        // Away about 5 s: until the reference has 10 more ticks of every symbol (2 ticks/s).
        await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> symbols.stream().allMatch(s -> maxSeq(reference.ticks(), s) >= positions.get(s) + 10));

        try (WsClient c = connect("gateway-b", "all")) {
            c.send(subscribe(positions));
            JsonNode subscribed = awaitSubscribed(c);
            assertTrue(subscribed.path("recovered").asBoolean(), subscribed::toString);
            assertEquals(SYMBOLS, subscribed.path("recovery").size());
            subscribed.path("recovery").forEach(r -> {
                assertTrue(r.path("recovered").asBoolean(), r::toString);
                assertTrue(r.path("replayed").asInt() >= 10, r::toString);
            });
            // Caught up: C has a live tick of every symbol beyond what the reference had when C came back.
            Map<String, Long> referenceNow = new HashMap<>();
            symbols.forEach(s -> referenceNow.put(s, maxSeq(reference.ticks(), s)));
            await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(() -> symbols.stream().allMatch(s -> maxSeq(c.ticks(), s) > referenceNow.get(s)));
            List<JsonNode> after = List.copyOf(c.messages);
            List<JsonNode> referenceTicks = reference.ticks();
            assertTrue(c.ofType("snapshot").isEmpty(), "recovered symbols get no snapshot");
            for (String s : symbols) {
                List<Long> mine = new ArrayList<>(seqs(ticks(before), s));
                mine.addAll(seqs(ticks(after), s));
                List<Long> ref = seqs(referenceTicks, s);
                long from = Math.max(mine.get(0), ref.get(0));
                long upTo = Math.min(mine.get(mine.size() - 1), ref.get(ref.size() - 1));
                assertTrue(upTo > positions.get(s) + 10, s + ": the window covers the outage");
                assertEquals(
                        window(ref, from, upTo),
                        window(mine, from, upTo),
                        s + ": C's ticks before and after the outage are exactly the reference's");
                assertContiguous(s, window(ref, from, upTo));
            }
            assertReplayMarkedThenLive(after, positions);
        }
    }

    @Test
    @Order(2)
    void aDeliveryAllClientThatStopsReadingIsClosed4008AndRecoversByPosition() throws Exception {
        double closedBefore = slowCloses("gateway-b");
        Map<String, Long> positions;
        try (RawWsClient slow =
                new RawWsClient(system.port("gateway-b"), TickwardenSystem.CLIENT_KEY, "delivery=all")) {
            slow.sendText(subscribe(null).replace("\"quote\"", "\"full\""));
            // It reads nothing now; faster ticks fill its buffers sooner (its queue on B holds 100 ticks).
            sim("/sim/rate", "{\"ticks_per_second\":10}");
            try {
                await().atMost(WAIT).pollInterval(POLL).until(() -> slowCloses("gateway-b") > closedBefore);
            } finally {
                sim("/sim/rate", "{\"ticks_per_second\":2}");
            }
            assertEquals(GatewayCloseCodes.SLOW_CONSUMER, slow.drainUntilClosed(30_000));
            assertEquals(
                    "slow consumer: 100 ticks behind with delivery=all; reconnect with positions to recover",
                    slow.closeReason());
            List<JsonNode> received = new ArrayList<>();
            for (String text : slow.texts()) {
                received.add(JSON.readTree(text));
            }
            positions = positions(received);
            assertEquals(SYMBOLS, positions.size(), "it had received something of every symbol");
        }
        try (WsClient c = connect("gateway", "all")) {
            c.send(subscribe(positions));
            JsonNode subscribed = awaitSubscribed(c);
            assertTrue(subscribed.path("recovered").asBoolean(), subscribed::toString);
            await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(() -> symbols.stream().allMatch(s -> maxSeq(c.ticks(), s) > positions.get(s)));
            for (String s : symbols) {
                List<Long> got = seqs(c.ticks(), s);
                assertEquals(positions.get(s) + 1, got.get(0), s + ": continues right after its position");
                assertContiguous(s, got);
            }
        }
    }

    @Test
    @Order(3)
    void awayLongerThanTheHistoryIsTooOldThenTheSnapshot() {
        Map<String, Long> positions;
        try (WsClient c = connect("gateway", null)) {
            c.send(subscribe(null));
            awaitTicksForAll(c);
            positions = positions(c.messages);
        }
        // Away until the history of every symbol starts after the position (faster ticks: seconds, not a minute).
        sim("/sim/rate", "{\"ticks_per_second\":20}");
        try {
            await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(() -> symbols.stream().allMatch(s -> oldestHistorySeq(s) > positions.get(s)));
        } finally {
            sim("/sim/rate", "{\"ticks_per_second\":2}");
        }
        try (WsClient c = connect("gateway-b", null)) {
            c.send(subscribe(positions));
            JsonNode subscribed = awaitSubscribed(c);
            assertFalse(subscribed.path("recovered").asBoolean(), subscribed::toString);
            subscribed.path("recovery").forEach(r -> {
                assertFalse(r.path("recovered").asBoolean(), r::toString);
                assertEquals(GatewayRecoveryReasons.TOO_OLD, r.path("reason").asText(), r::toString);
            });
            assertEquals(SYMBOLS, subscribed.path("recovery").size());
            awaitSnapshotAfter(c, subscribed);
        }
    }

    @Test
    @Order(4)
    void aLeaderChangeDuringTheOutageIsEpochChangedThenTheSnapshot() {
        Map<String, Long> positions;
        try (WsClient c = connect("gateway", "all")) {
            c.send(subscribe(null));
            awaitTicksForAll(c);
            positions = positions(c.messages);
        }
        long epoch = positions.values().iterator().next() / PER_EPOCH;
        // A new leader term: feed-service restarted (the stop releases the lease; the new process takes epoch + 1).
        system.app("feed-service").stop();
        system.app("feed-service").start();
        await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> symbols.stream().allMatch(s -> newestHistorySeq(s) / PER_EPOCH > epoch));
        try (WsClient c = connect("gateway-b", "all")) {
            c.send(subscribe(positions));
            JsonNode subscribed = awaitSubscribed(c);
            assertFalse(subscribed.path("recovered").asBoolean(), subscribed::toString);
            assertEquals(SYMBOLS, subscribed.path("recovery").size());
            subscribed
                    .path("recovery")
                    .forEach(r -> assertEquals(
                            GatewayRecoveryReasons.EPOCH_CHANGED,
                            r.path("reason").asText(),
                            r::toString));
            JsonNode snapshot = awaitSnapshotAfter(c, subscribed);
            snapshot.path("quotes").forEach(q -> assertTrue(q.path("seq").asLong() / PER_EPOCH > epoch, q::toString));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static WsClient connect(String gateway, String delivery) {
        return WsClient.connect(URI.create(system.url(gateway)), TickwardenSystem.CLIENT_KEY, delivery);
    }

    private static String subscribe(Map<String, Long> positions) {
        StringBuilder b = new StringBuilder("{\"action\":\"subscribe\",\"mode\":\"quote\",\"symbols\":[");
        for (int i = 0; i < symbols.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(symbols.get(i)).append('"');
        }
        b.append(']');
        if (positions != null) {
            b.append(",\"positions\":{");
            int i = 0;
            for (var e : positions.entrySet()) {
                b.append(i++ == 0 ? "" : ",")
                        .append('"')
                        .append(e.getKey())
                        .append("\":")
                        .append(e.getValue());
            }
            b.append('}');
        }
        return b.append('}').toString();
    }

    private static void awaitTicksForAll(WsClient c) {
        await().atMost(WAIT).pollInterval(POLL).until(() -> {
            List<JsonNode> ticks = c.ticks();
            return symbols.stream().allMatch(s -> maxSeq(ticks, s) > 0);
        });
    }

    private static JsonNode awaitSubscribed(WsClient c) {
        await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> !c.ofType("subscribed").isEmpty());
        return c.ofType("subscribed").get(0);
    }

    /** The snapshot of all symbols, after {@code subscribed} and before any tick. */
    private static JsonNode awaitSnapshotAfter(WsClient c, JsonNode subscribed) {
        await().atMost(WAIT)
                .pollInterval(POLL)
                .until(() -> !c.ofType("snapshot").isEmpty());
        JsonNode snapshot = c.ofType("snapshot").get(0);
        List<JsonNode> messages = List.copyOf(c.messages); // a subList of the live list would throw on append
        int at = messages.indexOf(snapshot);
        assertTrue(messages.indexOf(subscribed) < at, "subscribed first");
        assertTrue(
                messages.subList(0, at).stream()
                        .noneMatch(m -> m.path("type").asText().startsWith("tick")),
                "no tick (and never a partial replay) before the snapshot");
        List<String> covered = new ArrayList<>(snapshot.path("quotes").findValuesAsText("symbol"));
        snapshot.path("missing").forEach(m -> covered.add(m.asText()));
        assertTrue(covered.containsAll(symbols), snapshot::toString);
        return snapshot;
    }

    /** The client's position per symbol: the max seq of every tick, ticks and snapshot it received. */
    private static Map<String, Long> positions(List<JsonNode> messages) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode m : messages) {
            List<JsonNode> carried = new ArrayList<>();
            switch (m.path("type").asText()) {
                case "tick" -> carried.add(m);
                case "ticks" -> m.path("ticks").forEach(carried::add);
                case "snapshot" -> m.path("quotes").forEach(carried::add);
                default -> {}
            }
            for (JsonNode t : carried) {
                out.merge(t.path("symbol").asText(), t.path("seq").asLong(), Math::max);
            }
        }
        return out;
    }

    private static List<JsonNode> ticks(List<JsonNode> messages) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : messages) {
            switch (m.path("type").asText()) {
                case "tick" -> out.add(m);
                case "ticks" -> m.path("ticks").forEach(out::add);
                default -> {}
            }
        }
        return out;
    }

    private static List<Long> seqs(List<JsonNode> ticks, String symbol) {
        return ticks.stream()
                .filter(t -> symbol.equals(t.path("symbol").asText()))
                .map(t -> t.path("seq").asLong())
                .toList();
    }

    private static long maxSeq(List<JsonNode> ticks, String symbol) {
        return seqs(ticks, symbol).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static List<Long> window(List<Long> seqs, long from, long upTo) {
        return seqs.stream().filter(q -> q >= from && q <= upTo).toList();
    }

    private static void assertContiguous(String symbol, List<Long> seqs) {
        for (int i = 1; i < seqs.size(); i++) {
            assertEquals(seqs.get(i - 1) + 1, seqs.get(i), symbol + ": every tick, once, in order: " + seqs);
        }
    }

    /** After {@code subscribed}: per symbol the ticks up to its last replayed one came marked recovered, later ones not. */
    private static void assertReplayMarkedThenLive(List<JsonNode> messages, Map<String, Long> positions) {
        Map<String, Long> lastReplayed = new HashMap<>();
        for (JsonNode m : messages) {
            if ("ticks".equals(m.path("type").asText()) && m.path("recovered").asBoolean()) {
                m.path("ticks")
                        .forEach(t -> lastReplayed.merge(
                                t.path("symbol").asText(), t.path("seq").asLong(), Math::max));
            }
        }
        for (String s : symbols) {
            assertTrue(
                    lastReplayed.getOrDefault(s, 0L) >= positions.get(s) + 10, s + ": the missed ticks were replayed");
        }
        for (JsonNode m : messages) {
            boolean marked = m.path("recovered").asBoolean();
            for (JsonNode t : ticks(List.of(m))) {
                boolean missed = t.path("seq").asLong()
                        <= lastReplayed.get(t.path("symbol").asText());
                assertEquals(missed, marked, () -> "replayed ticks are marked, live ones not: " + t);
            }
        }
    }

    private static List<String> nseSymbols() {
        String keys = system.redis().command("HKEYS", FeedRedisNames.INSTRUMENTS_KEY);
        if (keys == null || keys.isBlank() || keys.startsWith("*")) {
            return List.of();
        }
        return Arrays.stream(keys.split("\n"))
                .filter(k -> k.startsWith("NSE:") && !k.contains(" "))
                .sorted()
                .toList();
    }

    private static long oldestHistorySeq(String symbol) {
        return historySeq("XRANGE", symbol, "-", "+");
    }

    private static long newestHistorySeq(String symbol) {
        return historySeq("XREVRANGE", symbol, "+", "-");
    }

    private static long historySeq(String command, String symbol, String start, String end) {
        String reply = system.redis().command(command, FeedRedisNames.historyKey(symbol), start, end, "COUNT", "1");
        if (reply == null || reply.isBlank() || reply.startsWith("*")) {
            return 0;
        }
        String[] id = reply.split("\n")[0].split("-");
        return Long.parseLong(id[0]) * PER_EPOCH + Long.parseLong(id[1]);
    }

    private static double slowCloses(String gateway) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(system.url(gateway) + "/q/metrics"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body()
                .lines()
                .filter(l -> l.startsWith("gateway_ws_closes_total") && l.contains("reason=\"slow_consumer\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void sim(String path, String body) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(system.url("kite-sim") + path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + " -> " + r.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Kite login round trip a browser makes (auth-service, kite-sim's login page, the callback). */
    private static void login() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .cookieHandler(new CookieManager())
                .build();
        HttpResponse<String> end = browser.send(
                HttpRequest.newBuilder(URI.create(system.url("auth-service") + "/api/auth/login"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, end.statusCode(), end.body());
    }
}
