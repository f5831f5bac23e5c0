package io.tickwarden.client.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayRotationTest {

    private static final URI A = URI.create("ws://gw-a:8080/ws/market?delivery=all");
    private static final URI B = URI.create("ws://gw-b:8080/ws/market?delivery=all");
    private static final URI C = URI.create("ws://gw-c:8080/ws/market?delivery=all");
    private static final Backoff LOW = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), () -> 0.0);

    @Test
    void eachFailureMovesToTheNextGatewayRoundRobin() {
        GatewayRotation r = new GatewayRotation(List.of(A, B, C), LOW);
        List<URI> tried = new ArrayList<>(List.of(r.current()));
        for (int i = 0; i < 4; i++) {
            r.failed();
            tried.add(r.current());
        }
        assertEquals(List.of(A, B, C, A, B), tried);
    }

    @Test
    void theBackoffGrowsPerFullRoundNotPerAttempt() {
        GatewayRotation r = new GatewayRotation(List.of(A, B), LOW);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            delays.add(r.failed());
        }
        // Round 0 (A then B) waits the first step; every further round doubles: no storm on a dead replica.
        assertEquals(
                List.of(
                        Duration.ofMillis(125),
                        Duration.ofMillis(125),
                        Duration.ofMillis(250),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofMillis(500)),
                delays);
    }

    @Test
    void aGatewayThatServedStartsTheNextOutageAfreshOnTheNextGateway() {
        GatewayRotation r = new GatewayRotation(List.of(A, B), LOW);
        r.failed();
        r.failed();
        r.failed(); // on B, third failure
        assertEquals(B, r.current());
        r.served();
        assertEquals(0, r.failures());
        assertEquals(Duration.ofMillis(125), r.failed(), "B died after serving: the hop to A waits the first step");
        assertEquals(A, r.current());
    }

    @Test
    void oneGatewayBacksOffPerAttemptAsBefore() {
        GatewayRotation r = new GatewayRotation(List.of(A), LOW);
        assertEquals(List.of(LOW.delay(0), LOW.delay(1), LOW.delay(2)), List.of(r.failed(), r.failed(), r.failed()));
        assertEquals(A, r.current());
    }

    @Test
    void needsAGateway() {
        assertThrows(IllegalArgumentException.class, () -> new GatewayRotation(List.of(), LOW));
    }
}
