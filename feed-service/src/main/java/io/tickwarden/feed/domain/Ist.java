package io.tickwarden.feed.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/** India Standard Time helpers; every time we publish is shown in +05:30. */
public final class Ist {

    public static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Ist() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZONE).format(ISO);
    }

    public static LocalDate tradingDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
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
