package io.tickwarden.session.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * Whether US daylight saving time is in force on a date: from the second Sunday of March to the day before the
 * first Sunday of November (rules since 2007). MCX closes earlier while it is. Computed from the rule rather than
 * a time-zone database so it needs no zone at all and is exact for whole IST trading dates.
 */
public final class UsDaylightSaving {

    private UsDaylightSaving() {}

    public static boolean inForce(LocalDate date) {
        LocalDate start =
                LocalDate.of(date.getYear(), 3, 1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.SUNDAY));
        LocalDate end = LocalDate.of(date.getYear(), 11, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.SUNDAY));
        return !date.isBefore(start) && date.isBefore(end);
    }
}
