package io.tickwarden.auth.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Kite access tokens die at 06:00 IST the morning after the login (kite-wire.md). A login at 05:30 IST
 * therefore lives only half an hour; a login at 06:00 sharp lives until 06:00 the next day.
 */
public final class TokenExpiry {

    private final ZoneId zone;
    private final LocalTime dailyExpiry;

    public TokenExpiry(ZoneId zone, LocalTime dailyExpiry) {
        this.zone = zone;
        this.dailyExpiry = dailyExpiry;
    }

    /** The first daily-expiry instant strictly after {@code loginTime}. */
    public ZonedDateTime expiresAt(Instant loginTime) {
        ZonedDateTime login = loginTime.atZone(zone);
        ZonedDateTime sameDay = login.toLocalDate().atTime(dailyExpiry).atZone(zone);
        return sameDay.isAfter(login) ? sameDay : sameDay.plusDays(1);
    }

    /**
     * kiteconnect parses Kite's zone-less IST wall-clock strings ("yyyy-MM-dd HH:mm:ss") in the JVM's default
     * zone, so on a UTC host the {@link java.util.Date} is 5h30m off. Re-read its wall-clock in the JVM zone
     * and place it in IST.
     */
    public static Instant correctKiteDate(java.util.Date kiteDate, ZoneId jvmZone, ZoneId kiteZone) {
        LocalDateTime wallClock = LocalDateTime.ofInstant(kiteDate.toInstant(), jvmZone);
        return wallClock.atZone(kiteZone).toInstant();
    }
}
