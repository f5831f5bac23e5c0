package io.tickwarden.session.rest;

import io.tickwarden.edge.ApiError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses the {@code time} query parameter: an ISO-8601 instant or offset date-time. */
final class TimeParam {

    static final String EXPECTED = "expected an ISO-8601 instant or offset date-time, e.g. 2026-01-16T09:15:00+05:30 "
            + "or 2026-01-16T03:45:00Z (URL-encode '+' as %2B)";

    private TimeParam() {}

    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("invalid_time", "'time' is required; " + EXPECTED);
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // next form
        }
        // An unencoded '+' arrives as a space: "2026-01-16T09:15:00 05:30".
        if (t.matches(".*T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)? \\d{2}:\\d{2}$")) {
            try {
                return OffsetDateTime.parse(t.replace(' ', '+')).toInstant();
            } catch (DateTimeParseException e) {
                // fall through to the error
            }
        }
        throw ApiError.badRequest("invalid_time", "cannot parse time '" + text + "'; " + EXPECTED);
    }
}
