package io.tickwarden.gateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.gateway.domain.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ClientRequestsTest {

    private final ClientRequests requests = new ClientRequests(new ObjectMapper());

    @Test
    void parsesTheProtocol() {
        assertEquals(new ClientRequests.Subscribe(List.of("NSE:INFY", "NSE:NIFTY 50"), Mode.FULL),
                requests.parse("{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\",\"NSE:NIFTY 50\"],\"mode\":\"full\"}"));
        assertEquals(new ClientRequests.Subscribe(List.of("NSE:INFY"), Mode.QUOTE),
                requests.parse("{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\"]}"));
        assertEquals(new ClientRequests.Unsubscribe(List.of("NSE:INFY")),
                requests.parse("{\"action\":\"unsubscribe\",\"symbols\":[\"NSE:INFY\"]}"));
        assertInstanceOf(ClientRequests.Ping.class, requests.parse("{\"action\":\"ping\"}"));
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
    }

    private String code(String text) {
        return assertInstanceOf(ClientRequests.Invalid.class, requests.parse(text)).code();
    }
}
