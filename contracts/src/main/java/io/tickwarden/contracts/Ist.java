package io.tickwarden.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * India Standard Time, the zone of every exchange the services know, and the one way a time crosses Redis or an
 * API: ISO-8601 with the {@code +05:30} offset, e.g. {@code 2026-11-23T09:15:00+05:30}.
 */
public final class Ist {

    public static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

    /** ISO-8601 with offset; format an IST {@code OffsetDateTime} or {@code ZonedDateTime} with it, or use {@link #format}. */
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Ist() {}

    /** {@code instant} as IST ISO-8601 text; null stays null. */
    public static String format(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZONE).format(FORMAT);
    }

    /** The IST calendar date of {@code instant}. */
    public static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }
}
