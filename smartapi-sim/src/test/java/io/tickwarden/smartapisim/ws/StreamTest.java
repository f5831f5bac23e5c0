package io.tickwarden.smartapisim.ws;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tickwarden.smartapisim.support.Angel;
import io.tickwarden.smartapisim.support.MasterTokens;
import io.tickwarden.smartapisim.support.SimControl;
import io.tickwarden.smartapisim.support.StreamClient;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WebSocket 2.0: the three auth forms, refusals, requests and their errors, the limits, ping/pong, the packets. */
@QuarkusTest
class StreamTest {

    @TestHTTPResource
    URL url;

    private final List<StreamClient> clients = new ArrayList<>();
    private Angel.Session session;

    @BeforeEach
    void setUp() {
        SimControl.cleanStart(5);
        session = Angel.login();
    }

    @AfterEach
    void tearDown() {
        clients.forEach(StreamClient::close);
        given().post("/sim/reset");
        SimControl.rate(1);
    }

    private int port() {
        return url.getPort();
    }

    private StreamClient open(Map<String, String> headers, String query) {
        StreamClient c = StreamClient.connect(port(), headers, query);
        clients.add(c);
        return c;
    }

    static String subscribe(int mode, int exchangeType, String... tokens) {
        return "{\"correlationID\":\"abc\",\"action\":1,\"params\":{\"mode\":" + mode
                + ",\"tokenList\":[{\"exchangeType\":" + exchangeType + ",\"tokens\":[" + quoted(List.of(tokens))
                + "]}]}}";
    }

    static String quoted(List<String> tokens) {
        return tokens.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","));
    }

    @Test
    void acceptsTheSdkHeadersTheQueryParametersAndTheJavaSdksForm() {
        assertEquals(
                101,
                StreamClient.handshake(port(), StreamClient.sdkHeaders(session), "")
                        .status());
        assertEquals(
                101,
                StreamClient.handshake(
                                port(),
                                Map.of(
                                        "Authorization",
                                        "Bearer " + session.jwt(),
                                        "x-api-key",
                                        Angel.API_KEY,
                                        "x-client-code",
                                        Angel.CLIENT_CODE,
                                        "x-feed-token",
                                        session.feedToken()),
                                "")
                        .status());
        assertEquals(
                101,
                StreamClient.handshake(
                                port(),
                                Map.of(),
                                "clientCode=" + Angel.CLIENT_CODE + "&feedToken=" + session.feedToken() + "&apiKey="
                                        + Angel.API_KEY)
                        .status());
        assertEquals(
                101,
                StreamClient.handshake(
                                port(),
                                Map.of(
                                        "x-client-code",
                                        Angel.CLIENT_CODE,
                                        "x-feed-token",
                                        session.feedToken(),
                                        "x-client-lib",
                                        "JAVA"),
                                "")
                        .status());
    }

    @Test
    void badCredentialsFailTheUpgradeWith401AndAngelsErrorMessage() {
        Map<String, String> h = StreamClient.sdkHeaders(session);
        assertRefused("Invalid Auth token", with(h, "Authorization", "not-a-jwt"));
        assertRefused("Invalid Client Code", with(h, "x-client-code", "S999999"));
        assertRefused("Invalid API Key", with(h, "x-api-key", "someone_else"));
        assertRefused("Invalid Feed Token", with(h, "x-feed-token", "nope"));
        assertRefused("Invalid Client Code", Map.of("x-feed-token", session.feedToken()));
        StreamClient.Handshake q =
                StreamClient.handshake(port(), Map.of(), "clientCode=" + Angel.CLIENT_CODE + "&feedToken=wrong");
        assertEquals(new StreamClient.Handshake(401, "Invalid Feed Token"), q);
        given().get("/sim/stats").then().body("ws_handshakes_rejected", equalTo(6));
    }

    @Test
    void anExpiredOrLoggedOutSessionIsRefusedAtTheHandshake() {
        Angel.authed(session.jwt())
                .body(Map.of("clientcode", Angel.CLIENT_CODE))
                .post(Angel.LOGOUT)
                .then()
                .body("status", equalTo(true));
        assertRefused("Invalid Auth token", StreamClient.sdkHeaders(session));
        Angel.Session s2 = Angel.login();
        StreamClient open = open(StreamClient.sdkHeaders(s2), "");
        open.send(subscribe(1, 1, "3045"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !open.packets.isEmpty());
        given().contentType("application/json")
                .body("{\"drop_sockets\": true}")
                .post("/sim/tokens/expire")
                .then()
                .statusCode(200)
                .body("sockets_cut", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).until(open::isDead);
        assertRefused("Invalid Auth token", StreamClient.sdkHeaders(s2));
        assertRefused("Invalid Feed Token", Map.of("x-client-code", Angel.CLIENT_CODE, "x-feed-token", s2.feedToken()));
    }

    @Test
    void eachModeSendsOnePacketPerMessageOfItsExactSize() {
        StreamClient c = open(StreamClient.sdkHeaders(session), "");
        c.send(subscribe(1, 1, "3045"));
        c.send(subscribe(2, 1, "2885"));
        c.send(subscribe(3, 2, MasterTokens.niftyOption()));
        c.send(subscribe(4, 1, "1594"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> c.packetsOfLength(51) >= 2
                        && c.packetsOfLength(123) >= 2
                        && c.packetsOfLength(379) >= 2
                        && c.packetsOfLength(443) >= 2);
        for (StreamClient.Packet p : c.packets) {
            ByteBuffer b = ByteBuffer.wrap(p.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            String token = new String(p.bytes(), 2, 25).replace("\0", "");
            switch (p.bytes().length) {
                case 51 -> assertEquals(List.of(1, 1, "3045"), List.of((int) b.get(0), (int) b.get(1), token));
                case 123 -> assertEquals(List.of(2, 1, "2885"), List.of((int) b.get(0), (int) b.get(1), token));
                case 379 ->
                    assertEquals(
                            List.of(3, 2, MasterTokens.niftyOption()), List.of((int) b.get(0), (int) b.get(1), token));
                case 443 -> assertEquals(List.of(4, 1, "1594"), List.of((int) b.get(0), (int) b.get(1), token));
                default -> throw new AssertionError("packet of " + p.bytes().length + " bytes");
            }
        }
        assertTrue(c.texts.isEmpty(), c.texts.toString());
    }

    @Test
    void packetsCarryTheValuesTheQuoteEndpointAnswersAtTheSameInstant() {
        SimControl.rate(0); // a frozen market: every packet and quote from now on describe one instant
        StreamClient c = open(StreamClient.sdkHeaders(session), "");
        c.send(subscribe(3, 1, "3045"));
        c.send(subscribe(3, 13, MasterTokens.usdInr()));
        await().atMost(Duration.ofSeconds(10)).until(() -> c.packets.size() >= 2);
        JsonPath quote = Angel.quote(session.jwt(), "FULL", Map.of("NSE", List.of("3045")))
                .jsonPath();
        ByteBuffer sbin = packetFor(c, "3045");
        assertEquals(Math.round(quote.getDouble("data.fetched[0].ltp") * 100), sbin.getLong(43));
        assertEquals(Math.round(quote.getDouble("data.fetched[0].open") * 100), sbin.getLong(91));
        assertEquals(Math.round(quote.getDouble("data.fetched[0].close") * 100), sbin.getLong(115));
        assertEquals(quote.getLong("data.fetched[0].tradeVolume"), sbin.getLong(67));
        assertEquals(Math.round(quote.getDouble("data.fetched[0].upperCircuit") * 100), sbin.getLong(347));
        assertEquals(Math.round(quote.getDouble("data.fetched[0].depth.buy[0].price") * 100), sbin.getLong(147 + 10));
        assertEquals(quote.getDouble("data.fetched[0].totBuyQuan"), sbin.getDouble(75));
        JsonPath usd = Angel.quote(session.jwt(), "LTP", Map.of("CDS", List.of(MasterTokens.usdInr())))
                .jsonPath();
        assertEquals(
                Math.round(usd.getDouble("data.fetched[0].ltp") * 10_000_000L),
                packetFor(c, MasterTokens.usdInr()).getLong(43),
                "cde_fo prices are in 10^-7 rupee");
    }

    @Test
    void nothingIsSentWhileNothingIsSubscribedAndUnsubscribeStopsTicks() {
        StreamClient idle = open(StreamClient.sdkHeaders(session), "");
        StreamClient busy = open(StreamClient.sdkHeaders(session), "");
        busy.send(subscribe(1, 1, "3045"));
        await().atMost(Duration.ofSeconds(10)).until(() -> busy.packets.size() >= 3);
        idle.sync();
        assertTrue(idle.packets.isEmpty() && idle.texts.isEmpty());

        busy.send(subscribe(1, 1, "3045").replace("\"action\":1", "\"action\":0"));
        busy.sync();
        int after = busy.packets.size();
        awaitSteps(3);
        busy.sync();
        assertEquals(after, busy.packets.size(), "no packets after unsubscribing");
        given().get("/sim/stats").then().body("subscribed_tokens", equalTo(0)).body("unsubscribe_messages", equalTo(1));
    }

    @Test
    void invalidRequestsGetE1001WithTheirCorrelationId() {
        StreamClient c = open(StreamClient.sdkHeaders(session), "");
        List<String> bad = List.of(
                "not json",
                "{\"correlationID\":\"abc\",\"action\":2,\"params\":{\"mode\":1,\"tokenList\":[{\"exchangeType\":1,\"tokens\":[\"3045\"]}]}}",
                subscribe(5, 1, "3045"),
                subscribe(1, 6, "3045"),
                "{\"correlationID\":\"abc\",\"action\":1,\"params\":{\"mode\":1}}",
                "{\"correlationID\":\"abc\",\"action\":1,\"params\":{\"mode\":1,\"tokenList\":[{\"exchangeType\":1,\"tokens\":[3045]}]}}",
                subscribe(4, 2, "3045"),
                subscribe(1, 1, "3045").replace("\"abc\"", "\"abcdefghijk\""));
        bad.forEach(c::send);
        await().atMost(Duration.ofSeconds(10)).until(() -> c.texts.size() >= bad.size());
        for (int i = 0; i < bad.size(); i++) {
            JsonPath error = JsonPath.from(c.texts.get(i));
            assertEquals("E1001", error.getString("errorCode"), c.texts.get(i));
            assertEquals("Invalid Request Payload.", error.getString("errorMessage"));
            assertEquals(i == 0 || i == bad.size() - 1 ? "" : "abc", error.getString("correlationID"), bad.get(i));
        }
        c.sync();
        assertTrue(c.packets.isEmpty());
    }

    @Test
    void aConnectionTakesAtMost1000TokensAndE1002RefusesTheRequestThatWouldPassIt() {
        SimControl.rate(0);
        StreamClient c = open(StreamClient.sdkHeaders(session), "");
        List<String> options = MasterTokens.nfoOptions(1001);
        c.send(subscribeMany(options.subList(0, 600)));
        c.send(subscribeMany(options.subList(600, 1000)));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(
                        1000,
                        c.packets.size(),
                        c.texts + " " + given().get("/sim/stats").asString()));
        c.send(subscribeMany(options.subList(1000, 1001)));
        c.send(subscribeMany(options.subList(0, 10))); // already subscribed: ignored, no error
        await().atMost(Duration.ofSeconds(10)).until(() -> !c.texts.isEmpty());
        c.sync();
        assertEquals(1, c.texts.size(), c.texts.toString());
        JsonPath error = JsonPath.from(c.texts.get(0));
        assertEquals("E1002", error.getString("errorCode"));
        assertEquals("abc", error.getString("correlationID"));
        given().get("/sim/stats").then().body("subscribed_tokens", equalTo(1000));
        assertEquals(1000, c.packets.size());
    }

    @Test
    void aFourthConnectionOfAClientCodeIsClosed() {
        for (int i = 0; i < 3; i++) {
            open(StreamClient.sdkHeaders(session), "");
        }
        StreamClient fourth = open(StreamClient.sdkHeaders(session), "");
        await().atMost(Duration.ofSeconds(10)).until(() -> fourth.closeCode.get() >= 0);
        assertEquals(1008, fourth.closeCode.get());
        given().get("/sim/stats")
                .then()
                .body("ws_connections_open", equalTo(3))
                .body("ws_connections_over_limit", equalTo(1));
        clients.get(0).close();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/sim/stats").then().body("ws_connections_open", equalTo(2)));
        StreamClient again = open(StreamClient.sdkHeaders(session), "");
        again.sync();
        assertEquals(-1, again.closeCode.get());
    }

    @Test
    void pingIsAnsweredWithPong() {
        StreamClient c = open(StreamClient.sdkHeaders(session), "");
        c.sync();
        c.sync();
        assertEquals(2, c.pongs.get());
        given().get("/sim/stats").then().body("pings_received", equalTo(2)).body("pongs_sent", equalTo(2));
    }

    private static String subscribeMany(List<String> tokens) {
        return subscribe(1, 2, tokens.toArray(String[]::new));
    }

    private void assertRefused(String message, Map<String, String> headers) {
        assertEquals(new StreamClient.Handshake(401, message), StreamClient.handshake(port(), headers, ""));
    }

    private static Map<String, String> with(Map<String, String> headers, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(headers);
        out.put(key, value);
        return out;
    }

    static ByteBuffer packetFor(StreamClient c, String token) {
        return c.packets.stream()
                .filter(p -> new String(p.bytes(), 2, 25).replace("\0", "").equals(token))
                .reduce((a, b) -> b)
                .map(p -> ByteBuffer.wrap(p.bytes()).order(ByteOrder.LITTLE_ENDIAN))
                .orElseThrow(() -> new AssertionError("no packet for " + token));
    }

    /** Waits for {@code n} more market steps. */
    static void awaitSteps(int n) {
        long start = given().get("/sim/stats").jsonPath().getLong("market_steps");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().get("/sim/stats").jsonPath().getLong("market_steps") >= start + n);
    }
}
