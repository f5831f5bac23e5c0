package io.tickwarden.auth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.junit.jupiter.api.Test;

class TokenExpiryTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private final TokenExpiry expiry = new TokenExpiry(IST, LocalTime.of(6, 0));

    private static Instant ist(String local) {
        return LocalDateTime.parse(local).atZone(IST).toInstant();
    }

    @Test
    void aDaytimeLoginLivesUntil0600TheNextMorning() {
        assertEquals(
                OffsetDateTime.parse("2026-03-03T06:00+05:30"),
                expiry.expiresAt(ist("2026-03-02T08:45:00")).toOffsetDateTime());
        assertEquals(
                OffsetDateTime.parse("2026-03-03T06:00+05:30"),
                expiry.expiresAt(ist("2026-03-02T23:59:59")).toOffsetDateTime());
    }

    @Test
    void anEarlyMorningLoginDiesAt0600TheSameDay() {
        assertEquals(
                OffsetDateTime.parse("2026-03-02T06:00+05:30"),
                expiry.expiresAt(ist("2026-03-02T05:30:00")).toOffsetDateTime());
    }

    @Test
    void aLoginAt0600SharpLivesADay() {
        assertEquals(
                OffsetDateTime.parse("2026-03-03T06:00+05:30"),
                expiry.expiresAt(ist("2026-03-02T06:00:00")).toOffsetDateTime());
    }

    @Test
    void kiteDatesParsedInTheJvmZoneAreMovedToIst() {
        // kiteconnect read "2026-03-02 09:15:00" (IST wall clock) as if it were UTC on a UTC host
        Date parsedOnUtcHost = Date.from(LocalDateTime.parse("2026-03-02T09:15:00")
                .atZone(ZoneId.of("UTC"))
                .toInstant());
        assertEquals(ist("2026-03-02T09:15:00"), TokenExpiry.correctKiteDate(parsedOnUtcHost, ZoneId.of("UTC"), IST));
        // on an IST host nothing changes
        Date parsedOnIstHost = Date.from(ist("2026-03-02T09:15:00"));
        assertEquals(ist("2026-03-02T09:15:00"), TokenExpiry.correctKiteDate(parsedOnIstHost, IST, IST));
    }
}
