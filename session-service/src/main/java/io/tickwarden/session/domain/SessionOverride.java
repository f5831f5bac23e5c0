package io.tickwarden.session.domain;

import io.tickwarden.contracts.session.MarketPhase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An operator's same-day change to one exchange's timeline on one IST date: its windows replace whatever the
 * calendar says for those times (later overrides win over earlier ones). The API builds the windows from a
 * type (HALT, CLOSURE, EXTEND, SPECIAL_SESSION); the engine only needs the windows.
 */
public record SessionOverride(
        String id,
        String type,
        String exchange,
        Set<String> segments,
        LocalDate date,
        List<Window> windows,
        String text,
        Instant createdAt) {

    /** A phase from {@code start} to {@code end} (HH:MM[:SS] IST, end may be 24:00). */
    public record Window(MarketPhase phase, String start, String end) {

        public int startSecond() {
            return WindowSyntax.seconds(start);
        }

        public int endSecond() {
            return WindowSyntax.seconds(end);
        }
    }

    public boolean appliesTo(Market market, LocalDate day) {
        return date.equals(day) && exchange.equals(market.exchange()) && segments.contains(market.segment());
    }

    public String reason() {
        return "OVERRIDE: " + text;
    }
}
