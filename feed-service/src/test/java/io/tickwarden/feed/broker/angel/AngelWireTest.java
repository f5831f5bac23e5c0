package io.tickwarden.feed.broker.angel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.feed.broker.Broker;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WebSocket 2.0 requests, the token encoding, and how handshake refusals read. */
class AngelWireTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tokensRoundTrip() {
        for (AngelExchange e : AngelExchange.values()) {
            for (String token : List.of("0", "3045", "99926000", "999999999999")) {
                long encoded = AngelTokens.encode(e.type(), token);
                assertEquals(e.type(), AngelTokens.exchangeType(encoded));
                assertEquals(String.valueOf(Long.parseLong(token)), AngelTokens.token(encoded));
            }
        }
        assertEquals(1_000_000_003_045L, AngelTokens.encode(1, "3045"));
        assertEquals(13_000_000_001_234L, AngelTokens.encode(13, "1234"));
        assertEquals(-1, AngelTokens.encode(1, "1000000000000"));
        assertEquals(-1, AngelTokens.encode(1, "-5"));
        assertEquals(-1, AngelTokens.encode(1, "12a"));
        assertEquals(-1, AngelTokens.encode(1, (String) null));
        assertThrows(IllegalArgumentException.class, () -> AngelTokens.encode(0, 5L));
        assertThrows(IllegalArgumentException.class, () -> AngelTokens.encode(100, 5L));
    }

    @Test
    void subscribeGroupsByModeAndExchangeType() throws Exception {
        Map<Long, TickMode> modes = new LinkedHashMap<>();
        modes.put(1_000_000_003_045L, TickMode.FULL);
        modes.put(2_000_000_035_001L, TickMode.FULL);
        modes.put(1_000_099_926_000L, TickMode.LTP);
        modes.put(1_000_000_002_885L, TickMode.FULL);
        modes.put(13_000_000_001_234L, TickMode.QUOTE);
        List<String> messages = AngelRequests.messages(AngelRequests.SUBSCRIBE, modes, 1000);
        assertEquals(
                List.of(
                        JSON.readTree(
                                "{\"action\":1,\"params\":{\"mode\":1,\"tokenList\":[{\"exchangeType\":1,\"tokens\":[\"99926000\"]}]}}"),
                        JSON.readTree(
                                "{\"action\":1,\"params\":{\"mode\":2,\"tokenList\":[{\"exchangeType\":13,\"tokens\":[\"1234\"]}]}}"),
                        JSON.readTree(
                                "{\"action\":1,\"params\":{\"mode\":3,\"tokenList\":[{\"exchangeType\":1,\"tokens\":[\"3045\",\"2885\"]},"
                                        + "{\"exchangeType\":2,\"tokens\":[\"35001\"]}]}}")),
                parse(messages));
    }

    @Test
    void unsubscribeSaysActionZeroWithTheMode() throws Exception {
        Map<Long, TickMode> modes = new LinkedHashMap<>();
        modes.put(3_000_000_500_112L, TickMode.QUOTE);
        assertEquals(
                List.of(JSON.readTree("{\"action\":0,\"params\":{\"mode\":2,\"tokenList\":[{\"exchangeType\":3,"
                        + "\"tokens\":[\"500112\"]}]}}")),
                parse(AngelRequests.messages(AngelRequests.UNSUBSCRIBE, modes, 10)));
    }

    @Test
    void largeRequestsAreBatched() throws Exception {
        Map<Long, TickMode> modes = new LinkedHashMap<>();
        for (int i = 0; i < 2500; i++) {
            modes.put(AngelTokens.encode(i % 2 == 0 ? 1 : 2, 10_000L + i), TickMode.FULL);
        }
        List<JsonNode> messages = parse(AngelRequests.messages(AngelRequests.SUBSCRIBE, modes, 1000));
        assertEquals(3, messages.size());
        int total = 0;
        for (JsonNode m : messages) {
            int inMessage = 0;
            for (JsonNode group : m.path("params").path("tokenList")) {
                inMessage += group.path("tokens").size();
            }
            assertEquals(true, inMessage <= 1000);
            total += inMessage;
        }
        assertEquals(2500, total);
        assertThrows(IllegalArgumentException.class, () -> AngelRequests.messages(1, modes, 0));
    }

    @Test
    void modesMapToAngelNumbers() {
        assertEquals(1, AngelRequests.mode(TickMode.LTP));
        assertEquals(2, AngelRequests.mode(TickMode.QUOTE));
        assertEquals(3, AngelRequests.mode(TickMode.FULL));
    }

    @Test
    void a401AtTheHandshakeIsATokenRefusalWithAngelsReason() {
        Broker.ConnectFailure f = AngelStreamClient.describe(new UpgradeRejectedException(
                "upgrade failed",
                401,
                MultiMap.caseInsensitiveMultiMap().add("x-error-message", "Invalid Feed Token"),
                Buffer.buffer()));
        assertEquals(new Broker.ConnectFailure(401, true, "handshake refused with HTTP 401 (Invalid Feed Token)"), f);
    }

    @Test
    void a429OrOtherStatusIsNotATokenRefusal() {
        Broker.ConnectFailure f = AngelStreamClient.describe(new UpgradeRejectedException(
                "upgrade failed", 429, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer()));
        assertEquals(new Broker.ConnectFailure(429, false, "handshake refused with HTTP 429"), f);
        assertEquals(
                false,
                AngelStreamClient.describe(new UpgradeRejectedException(
                                "x", 403, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer()))
                        .tokenRejected());
        assertEquals(
                new Broker.ConnectFailure(0, false, "ConnectException: refused"),
                AngelStreamClient.describe(new java.net.ConnectException("refused")));
    }

    @Test
    void textErrorsReadAsAngelSaysThem() {
        assertEquals(
                "Angel E1002: Subscription limit exceeded",
                AngelStreamSocket.describeText(
                        "{\"correlationID\":\"a\",\"errorCode\":\"E1002\",\"errorMessage\":\"Subscription limit exceeded\"}"));
        assertEquals("Angel: something else", AngelStreamSocket.describeText("something else"));
    }

    private static List<JsonNode> parse(List<String> messages) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String m : messages) {
            out.add(JSON.readTree(m));
        }
        return out;
    }
}
