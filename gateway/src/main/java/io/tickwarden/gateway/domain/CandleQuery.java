package io.tickwarden.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A checked {@code GET /api/candles} range: candles whose start lies in {@code [from, to)}. Times are ISO-8601 with
 * an offset ({@code 2026-12-02T09:15:00+05:30}, {@code ...Z}), or without one meaning IST ({@code 2026-12-02T09:15}),
 * or a date ({@code 2026-12-02}: its 00:00 IST for {@code from}, the next 00:00 IST for {@code to}). By default
 * today in IST up to now. At most {@link #MAX_SPAN}: the feed keeps candles 36 hours. Pure: now is passed in.
 */
public record CandleQuery(CandleInterval interval, Instant from, Instant to) {

    public static final Duration MAX_SPAN = Duration.ofDays(2);

    /** A parsed query or why not (a message for the client). */
    public sealed interface Parsed permits Ok, Invalid {}

    public record Ok(CandleQuery query) implements Parsed {}

    public record Invalid(String message) implements Parsed {}

    public static Parsed parse(String interval, String from, String to, Instant now) {
        CandleInterval width = interval == null || interval.isBlank()
                ? CandleInterval.ONE_MINUTE
                : CandleInterval.parse(interval.trim()).orElse(null);
        if (width == null) {
            return new Invalid("interval must be one of " + CandleInterval.labels() + ", got '"
                    + SymbolFormat.printable(interval) + "'");
        }
        Instant start;
        Instant end;
        try {
            start = blank(from)
                    ? now.atZone(CandleAggregation.IST)
                            .toLocalDate()
                            .atStartOfDay(CandleAggregation.IST)
                            .toInstant()
                    : instant(from.trim(), false);
            end = blank(to) ? now : instant(to.trim(), true);
        } catch (DateTimeParseException e) {
            return new Invalid("from and to must be ISO-8601 times, e.g. 2026-12-02T09:15:00+05:30, 2026-12-02T09:15 "
                    + "(IST) or 2026-12-02; could not read '" + SymbolFormat.printable(e.getParsedString()) + "'");
        }
        if (!start.isBefore(end)) {
            return new Invalid("from must be before to (got from " + start + ", to " + end + ")");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            return new Invalid("range longer than " + MAX_SPAN.toDays() + " days; the feed keeps 1-minute candles for "
                    + "36 hours");
        }
        return new Ok(new CandleQuery(width, start, end));
    }

    /** The IST trading days the range touches, oldest first. */
    public List<LocalDate> days() {
        LocalDate first = from.atZone(CandleAggregation.IST).toLocalDate();
        LocalDate last = to.minusNanos(1).atZone(CandleAggregation.IST).toLocalDate();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    public boolean covers(Candle candle) {
        Instant start = candle.start().toInstant();
        return !start.isBefore(from) && start.isBefore(to);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Instant instant(String text, boolean endOfDay) {
        if (text.length() == 10) {
            LocalDate day = LocalDate.parse(text);
            return (endOfDay ? day.plusDays(1) : day)
                    .atStartOfDay(CandleAggregation.IST)
                    .toInstant();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(text).atZone(CandleAggregation.IST).toInstant();
        }
    }
}
