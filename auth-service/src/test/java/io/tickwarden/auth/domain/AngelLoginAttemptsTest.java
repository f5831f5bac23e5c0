package io.tickwarden.auth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AngelLoginAttemptsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T02:30:00Z");
    private static final Duration RETRY = Duration.ofSeconds(35);
    private static final Duration INITIAL = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofMinutes(5);

    @Test
    void twoRefusalsInARowStopForGoodWithWhatToFix() {
        AngelLoginAttempts first = AngelLoginAttempts.NONE.refused(T0, "Invalid totp [AB1050]", RETRY);
        assertFalse(first.stopped());
        assertFalse(first.mayTry(T0.plusSeconds(34)));
        assertTrue(first.mayTry(T0.plus(RETRY)), "one retry after a new TOTP step");

        AngelLoginAttempts second = first.refused(T0.plus(RETRY), "Invalid totp [AB1050]", RETRY);
        assertTrue(second.stopped());
        assertEquals(2, second.refusedInARow());
        assertFalse(second.mayTry(T0.plus(Duration.ofDays(365))), "never again without a human");
        assertTrue(
                second.stopMessage().startsWith("ANGEL_PIN or ANGEL_TOTP_SECRET refused by Angel One"),
                second.stopMessage());
        assertTrue(second.stopMessage().contains("Invalid totp [AB1050]"));
        assertTrue(second.stopMessage().contains("POST /api/auth/resume"));
    }

    @Test
    void transientFailuresBetweenRefusalsDoNotResetTheCount() {
        AngelLoginAttempts a = AngelLoginAttempts.NONE
                .refused(T0, "refused", RETRY)
                .failed(T0.plusSeconds(40), INITIAL, MAX, 0.5)
                .failed(T0.plusSeconds(50), INITIAL, MAX, 0.5);
        assertFalse(a.stopped());
        assertTrue(a.refused(T0.plusSeconds(60), "refused", RETRY).stopped());
    }

    @Test
    void transientFailuresBackOffExponentiallyWithJitterAndNeverStop() {
        AngelLoginAttempts a = AngelLoginAttempts.NONE;
        Instant now = T0;
        for (int i = 1; i <= 30; i++) {
            a = a.failed(now, INITIAL, MAX, 0.999);
            assertFalse(a.stopped());
            Duration wait = Duration.between(now, a.nextAttemptAt());
            assertTrue(wait.compareTo(MAX) <= 0, "capped at max: " + wait);
            now = a.nextAttemptAt();
        }
        assertEquals(30, a.failuresInARow());
        assertTrue(a.mayTry(now));
    }

    @Test
    void backoffIsHalfFixedHalfRandom() {
        assertEquals(Duration.ofSeconds(1), AngelLoginAttempts.backoff(1, INITIAL, MAX, 0));
        assertEquals(Duration.ofSeconds(2), AngelLoginAttempts.backoff(1, INITIAL, MAX, 1));
        assertEquals(Duration.ofSeconds(4), AngelLoginAttempts.backoff(3, INITIAL, MAX, 0));
        assertEquals(Duration.ofSeconds(8), AngelLoginAttempts.backoff(3, INITIAL, MAX, 1));
        assertEquals(Duration.ofSeconds(150), AngelLoginAttempts.backoff(50, INITIAL, MAX, 0));
        assertEquals(MAX, AngelLoginAttempts.backoff(50, INITIAL, MAX, 1));
    }

    @Test
    void successResetsEverything() {
        AngelLoginAttempts a = AngelLoginAttempts.NONE
                .refused(T0, "x", RETRY)
                .failed(T0, INITIAL, MAX, 0.3)
                .succeeded();
        assertEquals(AngelLoginAttempts.NONE, a);
        assertNull(a.nextAttemptAt());
        assertTrue(a.mayTry(T0));
    }
}
