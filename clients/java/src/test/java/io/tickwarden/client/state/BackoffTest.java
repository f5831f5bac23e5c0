package io.tickwarden.client.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(250);
    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void doublesFromInitialWithTheRandomPickingInTheUpperHalfOfEachStep() {
        Backoff low = new Backoff(INITIAL, MAX, () -> 0.0);
        Backoff high = new Backoff(INITIAL, MAX, () -> 0.999999);
        assertEquals(Duration.ofMillis(125), low.delay(0));
        assertEquals(Duration.ofMillis(250), low.delay(1));
        assertEquals(Duration.ofMillis(500), low.delay(2));
        assertEquals(Duration.ofMillis(2000), low.delay(4));
        assertTrue(high.delay(0).toMillis() >= 249 && high.delay(0).toMillis() <= 250, high.delay(0)::toString);
        assertTrue(high.delay(3).toMillis() >= 1999 && high.delay(3).toMillis() <= 2000, high.delay(3)::toString);
    }

    @Test
    void neverExceedsTheMaximumHoweverManyAttempts() {
        Backoff high = new Backoff(INITIAL, MAX, () -> 0.999999);
        Backoff low = new Backoff(INITIAL, MAX, () -> 0.0);
        for (int attempt : new int[] {8, 20, 63, 64, 1000, Integer.MAX_VALUE}) {
            assertTrue(high.delay(attempt).compareTo(MAX) <= 0, () -> "attempt " + attempt);
            assertEquals(MAX.dividedBy(2), low.delay(attempt), () -> "attempt " + attempt);
        }
    }

    @Test
    void jitterSpreadsClientsThatFailedTogether() {
        List<Double> randoms = new ArrayList<>(List.of(0.1, 0.5, 0.9));
        Backoff b = new Backoff(Duration.ofSeconds(1), MAX, () -> randoms.remove(0));
        assertEquals(
                List.of(Duration.ofMillis(1100), Duration.ofMillis(1500), Duration.ofMillis(1900)),
                List.of(b.delay(1), b.delay(1), b.delay(1)));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, MAX, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(MAX, INITIAL, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(INITIAL, MAX, () -> 0).delay(-1));
    }
}
