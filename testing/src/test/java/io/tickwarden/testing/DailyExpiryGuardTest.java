package io.tickwarden.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a test class must wait for the 06:00 IST token expiry (00:30 UTC), whatever the machine's zone. */
class DailyExpiryGuardTest {

    @Test
    void waitsOnlyWithinTheWindowBeforeSixIst() {
        assertEquals(
                Duration.ZERO,
                DailyExpiryGuard.waitBefore(Instant.parse("2026-12-02T00:19:59Z")),
                "10 min + 1 s before");
        assertEquals(
                Duration.ofMinutes(10).plusSeconds(10).minusSeconds(1),
                DailyExpiryGuard.waitBefore(Instant.parse("2026-12-02T00:20:01Z")));
        assertEquals(Duration.ofSeconds(11), DailyExpiryGuard.waitBefore(Instant.parse("2026-12-02T00:29:59Z")));
        assertEquals(
                Duration.ZERO,
                DailyExpiryGuard.waitBefore(Instant.parse("2026-12-02T00:30:00Z")),
                "06:00 itself: past");
        assertEquals(Duration.ZERO, DailyExpiryGuard.waitBefore(Instant.parse("2026-12-02T12:00:00Z")));
        assertEquals(Duration.ZERO, DailyExpiryGuard.waitBefore(Instant.parse("2026-12-01T18:30:00Z")), "IST midnight");
    }
}
