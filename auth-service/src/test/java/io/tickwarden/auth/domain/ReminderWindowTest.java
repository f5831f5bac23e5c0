package io.tickwarden.auth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tickwarden.auth.domain.ReminderWindow.SessionView;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ReminderWindowTest {

    private static final OffsetDateTime PRE_OPEN = OffsetDateTime.parse("2026-03-02T09:00+05:30");
    private static final Duration LEAD = Duration.ofMinutes(30);

    private static Instant at(String time) {
        return OffsetDateTime.parse("2026-03-02T" + time + "+05:30").toInstant();
    }

    private static SessionView closedBefore(OffsetDateTime next) {
        return new SessionView("CLOSED", "PRE_OPEN", next, "2026-03-02");
    }

    @Test
    void insideTheLeadBeforePreOpen() {
        assertEquals(
                PRE_OPEN.toInstant(), ReminderWindow.preOpenWithinLead(closedBefore(PRE_OPEN), at("08:30:00"), LEAD));
        assertEquals(
                PRE_OPEN.toInstant(), ReminderWindow.preOpenWithinLead(closedBefore(PRE_OPEN), at("08:59:59"), LEAD));
    }

    @Test
    void notBeforeTheLeadNorAfterThePreOpenStarted() {
        assertNull(ReminderWindow.preOpenWithinLead(closedBefore(PRE_OPEN), at("08:29:59"), LEAD));
        assertNull(ReminderWindow.preOpenWithinLead(closedBefore(PRE_OPEN), at("09:00:00"), LEAD));
    }

    @Test
    void onlyWhenTheNextPhaseIsPreOpenOfATradingDay() {
        assertNull(ReminderWindow.preOpenWithinLead(
                new SessionView("LIVE", "CLOSING_AUCTION", PRE_OPEN, "2026-03-02"), at("08:45:00"), LEAD));
        assertNull(ReminderWindow.preOpenWithinLead(
                new SessionView("CLOSED", "PRE_OPEN", PRE_OPEN, "false"), at("08:45:00"), LEAD));
        assertNull(ReminderWindow.preOpenWithinLead(
                new SessionView("CLOSED", "PRE_OPEN", PRE_OPEN, null), at("08:45:00"), LEAD));
        assertNull(ReminderWindow.preOpenWithinLead(null, at("08:45:00"), LEAD));
        assertEquals(
                PRE_OPEN.toInstant(),
                ReminderWindow.preOpenWithinLead(
                        new SessionView("CLOSED", "PRE_OPEN", PRE_OPEN, "true"), at("08:45:00"), LEAD));
    }
}
