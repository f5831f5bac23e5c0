package io.tickwarden.session.domain;

import static io.tickwarden.session.domain.SessionEngineTest.ist;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.contracts.session.MarketPhase;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Random-close windows, trading days, overrides, unpublished years and the data-file checks. */
class SessionEngineDetailsTest {

    private static final SessionEngine ENGINE = EngineFixture.bundled();
    private static final Market NSE_CM = new Market("NSE", "CM");

    @Test
    void randomCloseWindowIsReportedAndThePhaseRunsToTheLatestClose() {
        SessionState pre = ENGINE.at(ist("2026-01-16T09:03"), NSE_CM, List.of());
        assertEquals(ist("2026-01-16T09:07"), pre.randomCloseFrom());
        assertEquals(ist("2026-01-16T09:08"), pre.randomCloseTo());
        assertEquals(pre.randomCloseTo(), pre.nextChangeAt());

        SessionState newPre = ENGINE.at(ist("2026-09-07T09:01"), NSE_CM, List.of());
        assertEquals(ist("2026-09-07T09:08"), newPre.randomCloseFrom());
        assertEquals(ist("2026-09-07T09:10"), newPre.randomCloseTo());

        SessionState cas = ENGINE.at(ist("2026-08-03T15:20"), NSE_CM, List.of());
        assertEquals(MarketPhase.CLOSING_AUCTION, cas.phase());
        assertEquals(ist("2026-08-03T15:28"), cas.randomCloseFrom());
        assertEquals(ist("2026-08-03T15:30"), cas.randomCloseTo());

        assertNull(ENGINE.at(ist("2026-01-16T10:00"), NSE_CM, List.of()).randomCloseFrom());
    }

    @Test
    void tradingDayIsTodayOrTheNextSession() {
        SessionState holiday = ENGINE.at(ist("2026-01-15T10:00"), NSE_CM, List.of());
        assertEquals(LocalDate.parse("2026-01-16"), holiday.tradingDay());
        assertFalse(holiday.isTradingDay());
        SessionState evening = ENGINE.at(ist("2026-01-16T20:00"), NSE_CM, List.of());
        assertEquals(LocalDate.parse("2026-01-16"), evening.tradingDay());
        assertTrue(evening.isTradingDay());
    }

    @Test
    void unpublishedYearIsFlaggedNotInvented() {
        SessionState s = ENGINE.at(ist("2027-01-04T10:00"), NSE_CM, List.of());
        assertFalse(s.calendarPublished());
        assertTrue(s.description().contains("not published"));
        assertTrue(ENGINE.at(ist("2026-01-16T10:00"), NSE_CM, List.of()).calendarPublished());
    }

    @Test
    void closureOverrideClosesTheWholeDay() {
        SessionOverride closure = new SessionOverride(
                "o1",
                "CLOSURE",
                "NSE",
                Set.of("CM", "FO", "CDS"),
                LocalDate.parse("2026-01-16"),
                List.of(new SessionOverride.Window(MarketPhase.CLOSED, "00:00", "24:00")),
                "exchange outage",
                Instant.EPOCH);
        SessionState s = ENGINE.at(ist("2026-01-16T10:00"), NSE_CM, List.of(closure));
        assertEquals(MarketPhase.CLOSED, s.phase());
        assertEquals("OVERRIDE: exchange outage", s.reason());
        assertEquals(ist("2026-01-19T09:00"), s.nextChangeAt());
        // BSE is untouched.
        assertEquals(
                MarketPhase.LIVE,
                ENGINE.at(ist("2026-01-16T10:00"), new Market("BSE", "CM"), List.of(closure))
                        .phase());
    }

    @Test
    void haltThenFreshPreOpen() {
        SessionOverride halt = new SessionOverride(
                "o2",
                "HALT",
                "NSE",
                Set.of("CM"),
                LocalDate.parse("2026-01-16"),
                List.of(
                        new SessionOverride.Window(MarketPhase.CLOSED, "10:30", "11:15"),
                        new SessionOverride.Window(MarketPhase.PRE_OPEN, "11:15", "11:23"),
                        new SessionOverride.Window(MarketPhase.AUCTION_FREEZE, "11:23", "11:30")),
                "MWCB level 1",
                Instant.EPOCH);
        SessionState halted = ENGINE.at(ist("2026-01-16T10:45"), NSE_CM, List.of(halt));
        assertEquals(MarketPhase.CLOSED, halted.phase());
        assertEquals("OVERRIDE: MWCB level 1", halted.reason());
        assertEquals(ist("2026-01-16T10:30"), halted.phaseStartedAt());
        assertEquals(MarketPhase.PRE_OPEN, halted.nextPhase());
        assertEquals(ist("2026-01-16T11:15"), halted.nextChangeAt());
        SessionState live = ENGINE.at(ist("2026-01-16T11:30"), NSE_CM, List.of(halt));
        assertEquals(MarketPhase.LIVE, live.phase());
        assertEquals(ist("2026-01-16T15:30"), live.nextChangeAt());
    }

    @Test
    void usDaylightSavingRule() {
        assertFalse(UsDaylightSaving.inForce(LocalDate.parse("2026-03-07")));
        assertTrue(UsDaylightSaving.inForce(LocalDate.parse("2026-03-08")));
        assertTrue(UsDaylightSaving.inForce(LocalDate.parse("2026-10-31")));
        assertFalse(UsDaylightSaving.inForce(LocalDate.parse("2026-11-01")));
        assertTrue(UsDaylightSaving.inForce(LocalDate.parse("2025-03-09")));
        assertFalse(UsDaylightSaving.inForce(LocalDate.parse("2025-11-02")));
    }

    @Test
    void everyShippedRowHasASource() {
        List<CalendarEntry> rows =
                CalendarLoader.parseCalendar(EngineFixture.resource("calendar/exchange-calendar.csv"), "cal");
        assertTrue(rows.size() > 100);
        rows.forEach(r -> assertFalse(r.source().isBlank(), r.toString()));
        assertTrue(rows.stream().noneMatch(r -> r.date().getYear() > 2026), "no estimated future years");
    }

    @Test
    void badDataIsRejectedWithItsLine() {
        String header = "date,exchange,segments,kind,name,windows,note,source\n";
        CalendarFormatException e = assertThrows(
                CalendarFormatException.class,
                () -> CalendarLoader.parseCalendar(
                        new StringReader(header + "2026-13-01,NSE,*,holiday,X,,,src\n"), "f.csv"));
        assertTrue(e.getMessage().contains("f.csv line 2"), e.getMessage());
        assertThrows(
                CalendarFormatException.class,
                () -> CalendarLoader.parseCalendar(
                        new StringReader(header + "2026-01-02,NYSE,*,holiday,X,,,src\n"), "f.csv"));
        assertThrows(
                CalendarFormatException.class,
                () -> CalendarLoader.parseCalendar(
                        new StringReader(header + "2026-01-02,NSE,*,holiday,X,,,\n"), "f.csv"));
        assertThrows(
                CalendarFormatException.class,
                () -> CalendarLoader.parseCalendar(
                        new StringReader(header + "2026-01-02,NSE,*,special_session,X,LIVE 10:00-09:00,,src\n"),
                        "f.csv"));
    }
}
