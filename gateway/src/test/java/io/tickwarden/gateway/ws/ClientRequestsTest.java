package io.tickwarden.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.gateway.domain.CandleInterval;
import io.tickwarden.gateway.domain.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRequestsTest {

    private final ClientRequests requests = new ClientRequests(new ObjectMapper());

    @Test
    void parsesTheProtocol() {
        assertEquals(
                new ClientRequests.Subscribe(List.of("NSE:INFY", "NSE:NIFTY 50"), Mode.FULL),
                requests.parse(
                        "{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\",\"NSE:NIFTY 50\"],\"mode\":\"full\"}"));
        assertEquals(
                new ClientRequests.Subscribe(List.of("NSE:INFY"), Mode.QUOTE),
                requests.parse("{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\"]}"));
        assertEquals(
                new ClientRequests.Unsubscribe(List.of("NSE:INFY")),
                requests.parse("{\"action\":\"unsubscribe\",\"symbols\":[\"NSE:INFY\"]}"));
        assertInstanceOf(ClientRequests.Ping.class, requests.parse("{\"action\":\"ping\"}"));
        assertEquals(
                new ClientRequests.SubscribeCandles(List.of("NSE:INFY"), CandleInterval.FIVE_MINUTES),
                requests.parse("{\"action\":\"subscribe_candles\",\"symbols\":[\"NSE:INFY\"],\"interval\":\"5m\"}"));
        assertEquals(
                new ClientRequests.SubscribeCandles(List.of("NSE:INFY"), CandleInterval.ONE_MINUTE),
                requests.parse("{\"action\":\"subscribe_candles\",\"symbols\":[\"NSE:INFY\"]}"));
        assertEquals(
                new ClientRequests.UnsubscribeCandles(List.of("NSE:INFY"), CandleInterval.FIFTEEN_MINUTES),
                requests.parse("{\"action\":\"unsubscribe_candles\",\"symbols\":[\"NSE:INFY\"],\"interval\":\"15m\"}"));
    }

    @Test
    void positionsAreKeptPerSymbolAndABadValueOnlySpoilsItsSymbol() {
        var parsed = assertInstanceOf(
                ClientRequests.Subscribe.class,
                requests.parse("{\"action\":\"subscribe\","
                        + "\"symbols\":[\"NSE:INFY\",\"NSE:TCS\",\"NSE:SBIN\",\"NSE:ITC\"],\"mode\":\"quote\",\"positions\":"
                        + "{\"NSE:INFY\":5000000123,\"NSE:TCS\":\"5000000001\",\"NSE:SBIN\":-4,\"NSE:ITC\":1.5}}"));
        assertEquals(
                java.util.Map.of("NSE:INFY", 5_000_000_123L, "NSE:TCS", 0L, "NSE:SBIN", -4L, "NSE:ITC", 0L),
                parsed.positions());
        assertEquals(
                null,
                assertInstanceOf(
                                ClientRequests.Subscribe.class,
                                requests.parse("{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\"]}"))
                        .positions());
        assertEquals("bad_request", code("{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\"],\"positions\":[1]}"));
    }

    @Test
    void everyMistakeHasACode() {
        assertEquals("bad_json", code("{"));
        assertEquals("bad_json", code(""));
        assertEquals("bad_request", code("\"text\""));
        assertEquals("unknown_action", code("{}"));
        assertEquals("unknown_action", code("{\"action\":\"sell\"}"));
        assertEquals("unknown_mode", code("{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\"],\"mode\":5}"));
        assertEquals("bad_request", code("{\"action\":\"subscribe\",\"symbols\":null}"));
        assertEquals("bad_request", code("{\"action\":\"subscribe\",\"symbols\":[[\"NSE:INFY\"]]}"));
        assertEquals(
                "bad_request",
                code("{\"action\":\"subscribe_candles\",\"symbols\":[\"NSE:INFY\"],\"interval\":\"2m\"}"));
        assertEquals("bad_request", code("{\"action\":\"subscribe_candles\",\"interval\":\"1m\"}"));
    }

    private String code(String text) {
        return assertInstanceOf(ClientRequests.Invalid.class, requests.parse(text))
                .code();
    }
}
