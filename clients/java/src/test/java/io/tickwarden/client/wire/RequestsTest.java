package io.tickwarden.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.client.Mode;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void subscribeCarriesPositionsOnlyForItsSymbols() throws Exception {
        List<String> out = Requests.subscribe(
                List.of("NSE:INFY", "NSE:TCS"), Mode.QUOTE, Map.of("NSE:INFY", 5_000_000_123L, "NSE:SBIN", 1L));
        assertEquals(1, out.size());
        assertEquals(
                JSON.readTree("{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\",\"NSE:TCS\"],\"mode\":\"quote\","
                        + "\"positions\":{\"NSE:INFY\":5000000123}}"),
                JSON.readTree(out.get(0)));
        JsonNode plain = JSON.readTree(
                Requests.subscribe(List.of("NSE:NIFTY 50"), Mode.LTP, Map.of()).get(0));
        assertFalse(plain.has("positions"), plain::toString);
        assertEquals("NSE:NIFTY 50", plain.path("symbols").get(0).asText());
    }

    @Test
    void longListsAreSplitWellUnderTheGatewaysMessageLimit() throws Exception {
        List<String> symbols = IntStream.range(0, 250)
                .mapToObj(i -> "NFO:NIFTY26DEC24500CE" + i)
                .toList();
        Map<String, Long> positions = new java.util.HashMap<>();
        symbols.forEach(s -> positions.put(s, 9_000_000_000L + 999_999_999L));
        List<String> out = Requests.subscribe(symbols, Mode.FULL, positions);
        assertEquals(3, out.size());
        int total = 0;
        for (String message : out) {
            assertTrue(message.length() < 8192, () -> message.length() + " bytes");
            JsonNode n = JSON.readTree(message);
            assertEquals(n.path("symbols").size(), n.path("positions").size());
            total += n.path("symbols").size();
        }
        assertEquals(250, total);
        assertEquals(3, Requests.unsubscribe(symbols).size());
        assertEquals(
                "unsubscribe",
                JSON.readTree(Requests.unsubscribe(symbols).get(2))
                        .path("action")
                        .asText());
    }
}
