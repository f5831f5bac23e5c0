package io.tickwarden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResubscribeBackoffTest {

    @Test
    void retriesAtTheInitialDelayThroughTheFailoverWindowThenBacksOffExponentially() {
        ResubscribeBackoff backoff = new ResubscribeBackoff(200, 5_000, 10_000);
        // A Sentinel failover (about 2 s) is inside the window: every attempt 200 ms apart, never longer.
        for (long t = 0; t < 10_000; t += 200) {
            assertEquals(200, backoff.next(t, 0.999999));
        }
        // Redis still away after the window: 200, 400, ... up to the cap.
        assertEquals(200, backoff.next(10_000, 0.999999));
        assertEquals(400, backoff.next(10_200, 0.999999));
        assertEquals(800, backoff.next(10_600, 0.999999));
        assertEquals(1_600, backoff.next(11_400, 0.999999));
        assertEquals(3_200, backoff.next(13_000, 0.999999));
        assertEquals(5_000, backoff.next(16_200, 0.999999));
        assertEquals(5_000, backoff.next(21_200, 0.999999));
    }

    @Test
    void jitterSpreadsBetweenHalfAndAllOfTheDelay() {
        ResubscribeBackoff backoff = new ResubscribeBackoff(200, 5_000, 10_000);
        assertEquals(100, backoff.next(0, 0.0));
    }

    @Test
    void aResetStartsTheNextLossWithTheSteadyRetriesAndTheInitialBackoff() {
        ResubscribeBackoff backoff = new ResubscribeBackoff(200, 5_000, 1_000);
        backoff.next(2_000, 0.999999);
        backoff.next(3_000, 0.999999);
        assertEquals(800, backoff.next(4_000, 0.999999));
        backoff.reset();
        assertEquals(200, backoff.next(0, 0.999999));
        assertEquals(200, backoff.next(1_000, 0.999999));
        assertEquals(400, backoff.next(1_200, 0.999999));
    }

    @Test
    void aZeroWindowIsThePlainExponentialBackoff() {
        ResubscribeBackoff backoff = new ResubscribeBackoff(500, 5_000, 0);
        assertEquals(500, backoff.next(0, 0.999999));
        assertEquals(1_000, backoff.next(500, 0.999999));
    }
}
