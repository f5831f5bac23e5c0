package io.tickwarden.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.client.error.TickwardenException;
import io.tickwarden.client.support.TinyWsServer;
import io.tickwarden.contracts.feed.FeedTick;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client given several gateways, against real WebSocket servers on loopback: a refused connect moves it to the
 * next gateway, a lost connection too, and on each it resubscribes; the listener and {@link
 * TickwardenClient#gateway()} say where it is.
 */
class MultiGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** What the listener saw, in order, for the test thread to wait on. */
    private static final class Events implements TickwardenListener {
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        record Connected(URI gateway, boolean reconnected) {}

        record Disconnected(TickwardenException cause, boolean reconnecting) {}

        @Override
        public void onTick(FeedTick tick, boolean recovered) {}

        @Override
        public void onConnected(URI gateway, boolean reconnected) {
            queue.add(new Connected(gateway, reconnected));
        }

        @Override
        public void onDisconnected(TickwardenException cause, boolean reconnecting) {
            queue.add(new Disconnected(cause, reconnecting));
        }

        <T> T next(Class<T> type) throws InterruptedException {
            Object e = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(e, "no event within " + WAIT);
            assertTrue(type.isInstance(e), () -> "expected " + type.getSimpleName() + ", got " + e);
            return type.cast(e);
        }
    }

    @Test
    void aRefusedConnectMovesToTheNextGateway() throws Exception {
        URI dead = TinyWsServer.deadUri();
        Events events = new Events();
        try (TinyWsServer live = new TinyWsServer();
                TickwardenClient client = client(List.of(dead, live.uri()), events)) {
            client.subscribe(List.of("NSE:INFY"), Mode.QUOTE);
            client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            Events.Disconnected refused = events.next(Events.Disconnected.class);
            assertTrue(refused.reconnecting(), refused::toString);
            Events.Connected connected = events.next(Events.Connected.class);
            assertEquals(endpoint(live.uri()), connected.gateway());
            assertFalse(connected.reconnected());
            assertEquals(Optional.of(endpoint(live.uri())), client.gateway());
            awaitSubscribe(live, 0, "NSE:INFY");
        }
    }

    @Test
    void aLostConnectionMovesToTheNextGatewayAndResubscribesThere() throws Exception {
        Events events = new Events();
        try (TinyWsServer a = new TinyWsServer();
                TinyWsServer b = new TinyWsServer();
                TickwardenClient client = client(List.of(a.uri(), b.uri()), events)) {
            client.subscribe(List.of("NSE:INFY", "NSE:TCS"), Mode.LTP);
            client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(endpoint(a.uri()), events.next(Events.Connected.class).gateway());
            awaitSubscribe(a, 0, "NSE:TCS");

            a.dropAll(); // a killed gateway: the TCP connection ends without a close frame
            assertTrue(events.next(Events.Disconnected.class).reconnecting());
            Events.Connected again = events.next(Events.Connected.class);
            assertEquals(endpoint(b.uri()), again.gateway());
            assertTrue(again.reconnected());
            assertEquals(Optional.of(endpoint(b.uri())), client.gateway());
            awaitSubscribe(b, 0, "NSE:TCS");
            assertEquals(1, a.connections.size(), "the client did not go back to the gateway it lost");
        }
    }

    private static void awaitSubscribe(TinyWsServer server, int connection, String symbol) {
        await().atMost(WAIT)
                .until(() -> server.connections.size() > connection
                        && server.connections.get(connection).stream()
                                .anyMatch(m -> m.contains("\"subscribe\"") && m.contains(symbol)));
    }

    private static URI endpoint(URI uri) {
        return TickwardenClient.Builder.endpoint(uri, Delivery.LATEST);
    }

    private static TickwardenClient client(List<URI> uris, Events events) {
        return TickwardenClient.builder()
                .uris(uris)
                .apiKey("k")
                .backoff(Duration.ofMillis(50), Duration.ofSeconds(1))
                .connectTimeout(Duration.ofSeconds(5))
                .listener(events)
                .build();
    }
}
