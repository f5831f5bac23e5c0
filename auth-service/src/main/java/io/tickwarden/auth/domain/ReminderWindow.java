package io.tickwarden.auth.domain;

import io.tickwarden.contracts.session.MarketPhase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Decides from the market-session snapshot whether we are in the "log in before the pre-open" window: the
 * next phase is PRE_OPEN of a trading day and it starts within {@code lead}.
 */
public final class ReminderWindow {

    public static final String PRE_OPEN = MarketPhase.PRE_OPEN.name();

    private ReminderWindow() {}

    /** The fields of {@code market:session:<exchange>} the reminder needs. */
    public record SessionView(String phase, String nextPhase, OffsetDateTime nextChangeAt, String tradingDay) {}

    /** @return the pre-open start when {@code now} is inside the window, else null */
    public static Instant preOpenWithinLead(SessionView session, Instant now, Duration lead) {
        if (session == null || session.nextChangeAt() == null || !PRE_OPEN.equals(session.nextPhase())) {
            return null;
        }
        if (session.tradingDay() == null
                || session.tradingDay().isBlank()
                || "false".equalsIgnoreCase(session.tradingDay())) {
            // session-service names the trading day the pre-open belongs to; no trading day, no session to open
            return null;
        }
        Instant preOpen = session.nextChangeAt().toInstant();
        if (!now.isBefore(preOpen)) {
            return null;
        }
        return Duration.between(now, preOpen).compareTo(lead) <= 0 ? preOpen : null;
    }
}
