package io.tickwarden.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void everyFormOfTheGatewayUriBecomesTheWebSocketEndpointWithTheDelivery() {
        assertEquals(
                URI.create("ws://localhost:8080/ws/market?delivery=all"),
                TickwardenClient.Builder.endpoint(URI.create("http://localhost:8080"), Delivery.ALL));
        assertEquals(
                URI.create("ws://localhost:8080/ws/market?delivery=latest"),
                TickwardenClient.Builder.endpoint(URI.create("ws://localhost:8080/"), Delivery.LATEST));
        assertEquals(
                URI.create("wss://md.example.com/ws/market?delivery=all"),
                TickwardenClient.Builder.endpoint(URI.create("https://md.example.com"), Delivery.ALL));
        assertEquals(
                URI.create("wss://md.example.com/edge/ws/market?x=1&delivery=latest"),
                TickwardenClient.Builder.endpoint(
                        URI.create("wss://md.example.com/edge/ws/market?x=1"), Delivery.LATEST));
        assertThrows(
                IllegalArgumentException.class,
                () -> TickwardenClient.Builder.endpoint(URI.create("ftp://x"), Delivery.ALL));
    }

    @Test
    void aClientNeedsAKeyAndAListener() {
        TickwardenListener listener = (tick, recovered) -> {};
        URI uri = URI.create("ws://localhost:8080");
        assertThrows(
                IllegalArgumentException.class,
                () -> TickwardenClient.builder().uri(uri).listener(listener).build());
        assertThrows(
                NullPointerException.class,
                () -> TickwardenClient.builder().uri(uri).apiKey("k").build());
        try (TickwardenClient client = TickwardenClient.builder()
                .uri(uri)
                .apiKey("k")
                .listener(listener)
                .build()) {
            assertEquals(TickwardenClient.State.NEW, client.state());
            assertThrows(IllegalArgumentException.class, () -> client.subscribe(java.util.List.of(), Mode.LTP));
            client.close();
            assertEquals(TickwardenClient.State.CLOSED, client.state());
            assertThrows(IllegalStateException.class, () -> client.subscribe(java.util.List.of("NSE:INFY"), Mode.LTP));
        }
    }
}
