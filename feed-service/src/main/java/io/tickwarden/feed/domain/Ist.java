package io.tickwarden.feed.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;

/** India Standard Time helpers of the feed; the zone and the format are the contract's ({@link io.tickwarden.contracts.Ist}). */
public final class Ist {

    public static final ZoneId ZONE = io.tickwarden.contracts.Ist.ZONE;

    private Ist() {}

    public static String format(Instant instant) {
        return io.tickwarden.contracts.Ist.format(instant);
    }

    public static LocalDate tradingDay(Instant instant) {
        return io.tickwarden.contracts.Ist.date(instant);
    }

    /**
     * kiteconnect parses Kite's zone-less IST wall-clock strings ("yyyy-MM-dd HH:mm:ss") in the JVM's default zone,
     * so on a non-IST host its Dates are off by the zone difference. Recover the wall clock in the zone it was
     * parsed in and re-read it as IST.
     */
    public static Instant fromKiteDate(Date parsedInJvmZone, ZoneId jvmZone) {
        if (parsedInJvmZone == null) {
            return null;
        }
        LocalDateTime wallClock = LocalDateTime.ofInstant(parsedInJvmZone.toInstant(), jvmZone);
        return wallClock.atZone(ZONE).toInstant();
    }

    public static ZoneOffset offset() {
        return ZoneOffset.ofHoursMinutes(5, 30);
    }
}
