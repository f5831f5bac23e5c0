package io.tickwarden.feed.broker.angel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.feed.domain.DepthLevel;
import io.tickwarden.feed.domain.Tick;
import io.tickwarden.feed.support.AngelSimControl;
import io.tickwarden.testing.NodeSdk;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.SmartApiSimTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our SmartAPI decoder agrees with Angel One's official JavaScript SDK (smartapi-javascript 1.0.27) tick for tick on
 * the same packets, as our Kite decoder agrees with KiteTicker: packets of every mode (LTP, Quote, SnapQuote) and
 * every price divisor (NSE, NFO, MCX, cde_fo), captured from smartapi-sim's stream, decoded by the SDK's own
 * WebSocketV2 (fed from a local socket) and by {@link AngelPacketDecoder}, field by field. Needs Debian's node and npm
 * (.ci/run installs them); skipped loudly without them.
 */
class AngelSdkAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static QuarkusAppProcess sim;

    @BeforeAll
    static void startSim() {
        assumeTrue(
                NodeSdk.available("node") && NodeSdk.available("npm"),
                "SKIPPED: node and npm (Debian's nodejs, npm) are needed to run Angel's JavaScript SDK");
        sim = QuarkusAppProcess.start(
                "smartapi-sim", Map.of("smartapi-sim.seed", "7", "smartapi-sim.ticks-per-second", "4"));
    }

    @AfterAll
    static void stopSim() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void everyPacketDecodesAsTheSdkDecodesIt() throws Exception {
        List<byte[]> packets = capture();
        Path file = NodeSdk.DIR.toAbsolutePath().resolve("packets.json");
        NodeSdk.install(Path.of("src/test/node/replay-packets.js"));
        Files.writeString(
                file,
                JSON.writeValueAsString(packets.stream()
                        .map(p -> Base64.getEncoder().encodeToString(p))
                        .toList()));
        NodeSdk.Run run = NodeSdk.node("replay-packets.js", file.toString(), 120);
        assertEquals(0, run.exitCode(), run.stderr());
        String line = run.stdout()
                .lines()
                .filter(l -> l.startsWith("RESULT "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no RESULT line: " + run.stdout() + run.stderr()));
        JsonNode sdk = JSON.readTree(line.substring("RESULT ".length()));
        assertEquals(packets.size(), sdk.size());
        int[] perMode = new int[4];
        for (int i = 0; i < packets.size(); i++) {
            Tick ours =
                    AngelPacketDecoder.decode(packets.get(i), token -> false).tick();
            assertNotNull(ours, "packet " + i + " did not decode");
            agree(sdk.get(i), ours, packets.get(i).length, "packet " + i);
            perMode[Integer.parseInt(sdk.get(i).path("subscription_mode").asText())]++;
        }
        assertTrue(
                perMode[1] > 0 && perMode[2] > 0 && perMode[3] > 0,
                "every mode compared: " + java.util.Arrays.toString(perMode));
    }

    private static void agree(JsonNode s, Tick ours, int length, String what) throws Exception {
        int type = Integer.parseInt(s.path("exchange_type").asText());
        double d = AngelExchange.ofType(type).orElseThrow().divisor();
        String token = JSON.readTree(s.path("token").asText()).asText(); // the SDK's token is a JSON string literal
        String at = what + " (" + type + ":" + token + ", mode "
                + s.path("subscription_mode").asText() + ")";
        assertEquals(AngelTokens.encode(type, Long.parseLong(token)), ours.instrumentToken(), at);
        assertEquals(
                AngelPacketDecoder.modeOf(length),
                Integer.parseInt(s.path("subscription_mode").asText()),
                at);
        assertEquals(
                Long.parseLong(s.path("exchange_timestamp").asText()),
                ours.exchangeTimestamp().toEpochMilli(),
                at);
        assertEquals(num(s, "last_traded_price") / d, ours.lastPrice(), at + " last price");
        if (length == AngelPacketDecoder.LTP) {
            assertEquals("ltp", ours.mode(), at);
            return;
        }
        assertEquals(num(s, "last_traded_quantity"), ours.lastQuantity(), at);
        assertEquals(num(s, "avg_traded_price") / d, ours.averagePrice(), at);
        assertEquals((long) num(s, "vol_traded"), ours.volume(), at);
        assertEquals(num(s, "total_buy_quantity"), ours.buyQuantity(), at);
        assertEquals(num(s, "total_sell_quantity"), ours.sellQuantity(), at);
        assertEquals(num(s, "open_price_day") / d, ours.open(), at);
        assertEquals(num(s, "high_price_day") / d, ours.high(), at);
        assertEquals(num(s, "low_price_day") / d, ours.low(), at);
        assertEquals(num(s, "close_price") / d, ours.close(), at);
        if (length == AngelPacketDecoder.QUOTE) {
            assertEquals("quote", ours.mode(), at);
            return;
        }
        assertEquals("full", ours.mode(), at);
        long lastTrade = (long) num(s, "last_traded_timestamp");
        assertEquals(
                lastTrade,
                ours.lastTradeTime() == null ? 0 : ours.lastTradeTime().getEpochSecond(),
                at);
        assertEquals(num(s, "open_interest"), ours.oi(), at);
        depth(s.path("best_5_buy_data"), ours.bids(), d, at + " bids");
        depth(s.path("best_5_sell_data"), ours.asks(), d, at + " asks");
    }

    private static void depth(JsonNode sdk, List<DepthLevel> ours, double d, String at) {
        assertEquals(sdk.size(), ours.size(), at);
        for (int k = 0; k < sdk.size(); k++) {
            JsonNode level = sdk.get(k);
            assertEquals((int) num(level, "quantity"), ours.get(k).quantity(), at + " " + k);
            assertEquals(num(level, "price") / d, ours.get(k).price(), at + " " + k);
            assertEquals((int) num(level, "no_of_orders"), ours.get(k).orders(), at + " " + k);
        }
    }

    /** The SDK formats every number as a string. */
    private static double num(JsonNode n, String field) {
        return Double.parseDouble(n.path(field).asText());
    }

    /** Real packets from smartapi-sim: SnapQuote of an NSE share, an index and a cde_fo contract, Quote of an NFO option, LTP of an MCX future. */
    private static List<byte[]> capture() throws Exception {
        JsonNode credential = JSON.readTree(new AngelSimControl(sim.baseUrl()).session());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode master = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(sim.baseUrl() + SmartApiSimTestResource.INSTRUMENTS_PATH))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        String share = first(master, "NSE", "SBIN-EQ", null);
        String index = first(master, "NSE", null, "AMXIDX");
        String option = first(master, "NFO", null, "OPTIDX");
        String future = first(master, "MCX", null, null);
        String currency = first(master, "CDS", null, null);

        List<byte[]> packets = new CopyOnWriteArrayList<>();
        WebSocket ws = http.newWebSocketBuilder()
                .header("Authorization", credential.path("jwt").asText())
                .header("x-api-key", SmartApiSimTestResource.API_KEY)
                .header("x-client-code", SmartApiSimTestResource.CLIENT_CODE)
                .header("x-feed-token", credential.path("feed_token").asText())
                .buildAsync(
                        URI.create(sim.baseUrl().replace("http://", "ws://") + SmartApiSimTestResource.STREAM_PATH),
                        new Collector(packets))
                .get();
        ws.sendText(
                        subscribe(
                                3,
                                "{\"exchangeType\":1,\"tokens\":[\"" + share + "\",\"" + index + "\"]},"
                                        + "{\"exchangeType\":13,\"tokens\":[\"" + currency + "\"]}"),
                        true)
                .get();
        ws.sendText(subscribe(2, "{\"exchangeType\":2,\"tokens\":[\"" + option + "\"]}"), true)
                .get();
        ws.sendText(subscribe(1, "{\"exchangeType\":5,\"tokens\":[\"" + future + "\"]}"), true)
                .get();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> packets.size() >= 25
                        && packets.stream().anyMatch(p -> p.length == AngelPacketDecoder.LTP)
                        && packets.stream().anyMatch(p -> p.length == AngelPacketDecoder.QUOTE)
                        && packets.stream()
                                        .filter(p -> p.length == AngelPacketDecoder.SNAP_QUOTE)
                                        .count()
                                >= 6);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get();
        return new ArrayList<>(packets);
    }

    private static String subscribe(int mode, String tokenLists) {
        return "{\"correlationID\":\"agree" + mode + "\",\"action\":1,\"params\":{\"mode\":" + mode + ",\"tokenList\":["
                + tokenLists + "]}}";
    }

    private static String first(JsonNode master, String segment, String symbol, String type) {
        for (JsonNode row : master) {
            if (segment.equals(row.path("exch_seg").asText())
                    && (symbol == null || symbol.equals(row.path("symbol").asText()))
                    && (type == null || type.equals(row.path("instrumenttype").asText()))) {
                return row.path("token").asText();
            }
        }
        throw new AssertionError("no " + segment + " " + symbol + " " + type + " in the sim's instrument master");
    }

    /** Binary messages, reassembled from their frames. */
    private record Collector(List<byte[]> packets, java.io.ByteArrayOutputStream partial)
            implements WebSocket.Listener {

        Collector(List<byte[]> packets) {
            this(packets, new java.io.ByteArrayOutputStream());
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
                packets.add(partial.toByteArray());
                partial.reset();
            }
            ws.request(1);
            return null;
        }
    }
}
