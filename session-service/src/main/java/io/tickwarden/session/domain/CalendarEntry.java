package io.tickwarden.session.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of the exchange calendar. {@code segments} holds the segments it applies to (already expanded from
 * '*'). For a special session, {@code timing} says whether it runs the day's regular rule, explicit
 * {@code windows}, or has no published timings yet (TBD). For MCX half days, {@code sessions} maps a session name
 * to open (true) or closed (false).
 */
public record CalendarEntry(
        LocalDate date,
        String exchange,
        Set<String> segments,
        Kind kind,
        String name,
        SpecialTiming timing,
        List<WindowSpec> windows,
        Map<String, Boolean> sessions,
        String windowsText,
        String note,
        String source) {

    public enum Kind {
        HOLIDAY,
        SPECIAL_SESSION,
        SESSIONS,
        CALENDAR_PUBLISHED
    }

    public enum SpecialTiming {
        NONE,
        REGULAR,
        EXPLICIT,
        TBD
    }

    public boolean appliesTo(Market market) {
        return exchange.equals(market.exchange()) && segments.contains(market.segment());
    }
}
