package io.tickwarden.session.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.contracts.session.MarketPhase;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven check of the engine against the shipped calendar. Each row: IST local time | market | phase |
 * reason ('-' = null, trailing '*' = prefix, empty = not checked) | next phase@IST time | phase start (optional).
 * Every row runs with the JVM default zone set to UTC, Asia/Kolkata and America/New_York: the answer must not move.
 */
class SessionEngineTest {

    private static final SessionEngine ENGINE = EngineFixture.bundled();
    private static final List<String> ZONES = List.of("UTC", "Asia/Kolkata", "America/New_York");

    static final String[] CASES = {
        // --- NSE CM, regime until 2026-08-02 (Fri 2026-01-16, the day after the ad hoc closure)
        "2026-01-16T08:59:59 | NSE CM | CLOSED | AFTER_HOURS | PRE_OPEN@2026-01-16T09:00 | 2026-01-14T16:00",
        "2026-01-16T09:00    | NSE CM | PRE_OPEN | - | AUCTION_FREEZE@2026-01-16T09:08 | 2026-01-16T09:00",
        "2026-01-16T09:07:30 | NSE CM | PRE_OPEN | - | AUCTION_FREEZE@2026-01-16T09:08",
        "2026-01-16T09:08    | NSE CM | AUCTION_FREEZE | - | LIVE@2026-01-16T09:15",
        "2026-01-16T09:14:59 | NSE CM | AUCTION_FREEZE | - | LIVE@2026-01-16T09:15",
        "2026-01-16T09:15    | NSE CM | LIVE | - | POST_CLOSE@2026-01-16T15:30",
        "2026-01-16T15:29:59 | NSE CM | LIVE | - | POST_CLOSE@2026-01-16T15:30 | 2026-01-16T09:15",
        "2026-01-16T15:30    | NSE CM | POST_CLOSE | - | CLOSED@2026-01-16T16:00",
        "2026-01-16T15:59:59 | NSE CM | POST_CLOSE | - | CLOSED@2026-01-16T16:00",
        "2026-01-16T16:00    | NSE CM | CLOSED | AFTER_HOURS | PRE_OPEN@2026-01-19T09:00",
        // weekend
        "2026-01-17T10:00    | NSE CM | CLOSED | WEEKEND | PRE_OPEN@2026-01-19T09:00 | 2026-01-16T16:00",
        "2026-01-18T23:59:59 | NSE CM | CLOSED | WEEKEND | PRE_OPEN@2026-01-19T09:00",
        // ad hoc closure 2026-01-15 (announced 2026-01-12)
        "2026-01-14T16:00    | NSE CM | CLOSED | AFTER_HOURS | PRE_OPEN@2026-01-16T09:00",
        "2026-01-15T10:00    | NSE CM | CLOSED | HOLIDAY: Municipal Corporation Elections in Maharashtra | PRE_OPEN@2026-01-16T09:00",
        "2026-01-15T10:00    | NSE FO | CLOSED | HOLIDAY: Municipal* | PRE_OPEN@2026-01-16T09:00",
        "2026-01-15T10:00    | NSE CDS | CLOSED | HOLIDAY: Municipal* | LIVE@2026-01-16T09:00",
        "2026-01-15T10:00    | BSE CM | CLOSED | HOLIDAY: Municipal* | PRE_OPEN@2026-01-16T09:00",
        "2026-01-15T10:00    | MCX COM | CLOSED | HOLIDAY: Maharashtra municipal elections* | LIVE@2026-01-15T17:00",
        "2026-01-15T17:00    | MCX COM | LIVE | - | CLOSED@2026-01-15T23:55",
        // --- NSE CM regime 2026-08-03 .. 2026-09-06 (closing auction)
        "2026-07-31T15:20    | NSE CM | LIVE | - | POST_CLOSE@2026-07-31T15:30",
        "2026-08-03T09:07:59 | NSE CM | PRE_OPEN | - | AUCTION_FREEZE@2026-08-03T09:08",
        "2026-08-03T09:15    | NSE CM | LIVE | - | CLOSING_AUCTION@2026-08-03T15:15",
        "2026-08-03T15:14:59 | NSE CM | LIVE | - | CLOSING_AUCTION@2026-08-03T15:15",
        "2026-08-03T15:15    | NSE CM | CLOSING_AUCTION | - | POST_CLOSE@2026-08-03T15:35",
        "2026-08-03T15:34:59 | NSE CM | CLOSING_AUCTION | - | POST_CLOSE@2026-08-03T15:35",
        "2026-08-03T15:35    | NSE CM | POST_CLOSE | - | CLOSED@2026-08-03T16:00",
        "2026-08-03T16:00    | NSE CM | CLOSED | AFTER_HOURS | PRE_OPEN@2026-08-04T09:00",
        // --- NSE CM regime from 2026-09-07 (new pre-open)
        "2026-09-04T09:08:30 | NSE CM | AUCTION_FREEZE | - | LIVE@2026-09-04T09:15",
        "2026-09-07T09:08:30 | NSE CM | PRE_OPEN | - | AUCTION_FREEZE@2026-09-07T09:10",
        "2026-09-07T09:09:59 | NSE CM | PRE_OPEN | - | AUCTION_FREEZE@2026-09-07T09:10",
        "2026-09-07T09:10    | NSE CM | AUCTION_FREEZE | - | LIVE@2026-09-07T09:15",
        "2026-09-07T15:15    | NSE CM | CLOSING_AUCTION | - | POST_CLOSE@2026-09-07T15:35",
        "2026-09-07T16:00    | NSE CM | CLOSED | AFTER_HOURS | PRE_OPEN@2026-09-08T09:00",
        // --- NSE FO: no pre-open before 2025-12-08, 15:40 close from 2026-08-03, new pre-open from 2026-09-07
        "2025-12-05T09:05    | NSE FO | CLOSED | AFTER_HOURS | LIVE@2025-12-05T09:15",
        "2025-12-05T15:30    | NSE FO | CLOSED | AFTER_HOURS | PRE_OPEN@2025-12-08T09:00",
        "2025-12-08T09:00    | NSE FO | PRE_OPEN | - | AUCTION_FREEZE@2025-12-08T09:08",
        "2025-12-08T09:08    | NSE FO | AUCTION_FREEZE | - | LIVE@2025-12-08T09:15",
        "2025-12-08T15:29:59 | NSE FO | LIVE | - | CLOSED@2025-12-08T15:30",
        "2026-07-31T15:30    | NSE FO | CLOSED | AFTER_HOURS | PRE_OPEN@2026-08-03T09:00",
        "2026-08-03T15:35    | NSE FO | LIVE | - | CLOSED@2026-08-03T15:40",
        "2026-08-03T15:40    | NSE FO | CLOSED | AFTER_HOURS | PRE_OPEN@2026-08-04T09:00",
        "2026-09-07T09:09    | NSE FO | PRE_OPEN | - | AUCTION_FREEZE@2026-09-07T09:10",
        "2026-09-07T09:10    | NSE FO | AUCTION_FREEZE | - | LIVE@2026-09-07T09:15",
        // --- NSE CDS 09:00-17:00 with its own extra holidays
        "2026-01-16T08:59:59 | NSE CDS | CLOSED | AFTER_HOURS | LIVE@2026-01-16T09:00",
        "2026-01-16T09:00    | NSE CDS | LIVE | - | CLOSED@2026-01-16T17:00",
        "2026-01-16T17:00    | NSE CDS | CLOSED | AFTER_HOURS | LIVE@2026-01-19T09:00",
        "2026-02-19T10:00    | NSE CDS | CLOSED | HOLIDAY: Chhatrapati Shivaji Maharaj Jayanti | LIVE@2026-02-20T09:00",
        "2026-02-19T10:00    | NSE CM | LIVE | - | POST_CLOSE@2026-02-19T15:30",
        "2025-09-08T10:00    | NSE CDS | CLOSED | HOLIDAY: Id-E-Milad | LIVE@2025-09-09T09:00",
        // --- BSE (no 2026 timing change in our sources)
        "2026-01-16T09:00    | BSE CM | PRE_OPEN | - | AUCTION_FREEZE@2026-01-16T09:08",
        "2026-08-03T15:20    | BSE CM | LIVE | - | POST_CLOSE@2026-08-03T15:30",
        "2026-01-16T09:10    | BSE FO | CLOSED | AFTER_HOURS | LIVE@2026-01-16T09:15",
        "2026-01-16T15:30    | BSE FO | CLOSED | AFTER_HOURS | LIVE@2026-01-19T09:15",
        // --- Union Budget, Saturday 2025-02-01
        "2025-01-31T16:00    | NSE CM | CLOSED | AFTER_HOURS | PRE_OPEN@2025-02-01T09:00",
        "2025-02-01T08:00    | NSE CM | CLOSED | WEEKEND | PRE_OPEN@2025-02-01T09:00",
        "2025-02-01T09:00    | NSE CM | PRE_OPEN | SPECIAL_SESSION: Union Budget | AUCTION_FREEZE@2025-02-01T09:08",
        "2025-02-01T12:00    | NSE CM | LIVE | SPECIAL_SESSION: Union Budget | POST_CLOSE@2025-02-01T15:30",
        "2025-02-01T16:00    | NSE CM | CLOSED | WEEKEND | PRE_OPEN@2025-02-03T09:00",
        "2025-02-01T08:00    | NSE FO | CLOSED | WEEKEND | LIVE@2025-02-01T09:15",
        "2025-02-01T12:00    | NSE FO | LIVE | SPECIAL_SESSION: Union Budget | CLOSED@2025-02-01T15:30",
        "2025-02-01T12:00    | NSE CDS | CLOSED | WEEKEND | LIVE@2025-02-03T09:00",
        "2025-02-01T10:00    | BSE CM | LIVE | SPECIAL_SESSION: Union Budget | POST_CLOSE@2025-02-01T15:30",
        "2025-02-01T16:00    | MCX COM | LIVE | SPECIAL_SESSION: Union Budget | CLOSED@2025-02-01T17:00",
        "2025-02-01T17:00    | MCX COM | CLOSED | WEEKEND | LIVE@2025-02-03T09:00",
        // --- Union Budget, Sunday 2026-02-01
        "2026-01-30T16:00    | NSE CM | CLOSED | AFTER_HOURS | PRE_OPEN@2026-02-01T09:00",
        "2026-02-01T09:00    | NSE CM | PRE_OPEN | SPECIAL_SESSION: Union Budget | AUCTION_FREEZE@2026-02-01T09:08",
        "2026-02-01T09:00    | NSE FO | PRE_OPEN | SPECIAL_SESSION: Union Budget | AUCTION_FREEZE@2026-02-01T09:08",
        "2026-02-01T15:30    | NSE CM | POST_CLOSE | SPECIAL_SESSION: Union Budget | CLOSED@2026-02-01T16:00",
        "2026-02-01T10:00    | NSE CDS | CLOSED | WEEKEND | LIVE@2026-02-02T09:00",
        "2026-02-01T08:50    | MCX COM | PRE_OPEN | SPECIAL_SESSION: Union Budget | LIVE@2026-02-01T09:00",
        "2026-02-01T16:59    | MCX COM | LIVE | SPECIAL_SESSION: Union Budget | CLOSED@2026-02-01T17:00",
        // --- Diwali Muhurat 2025-10-21 (a holiday with a one-hour evening session)
        "2025-10-21T10:00    | NSE CM | CLOSED | HOLIDAY: Diwali Laxmi Pujan | PRE_OPEN@2025-10-21T13:30",
        "2025-10-21T13:30    | NSE CM | PRE_OPEN | SPECIAL_SESSION: Diwali Muhurat trading | LIVE@2025-10-21T13:45",
        "2025-10-21T13:45    | NSE CM | LIVE | SPECIAL_SESSION: Diwali Muhurat trading | POST_CLOSE@2025-10-21T14:45",
        "2025-10-21T14:45    | NSE CM | POST_CLOSE | SPECIAL_SESSION: Diwali Muhurat trading | CLOSED@2025-10-21T15:05",
        "2025-10-21T15:05    | NSE CM | CLOSED | HOLIDAY: Diwali Laxmi Pujan | PRE_OPEN@2025-10-23T09:00",
        "2025-10-21T13:40    | NSE FO | CLOSED | HOLIDAY: Diwali Laxmi Pujan | LIVE@2025-10-21T13:45",
        "2025-10-21T14:00    | NSE CDS | LIVE | SPECIAL_SESSION: Diwali Muhurat trading | CLOSED@2025-10-21T14:45",
        "2025-10-21T14:00    | BSE CM | LIVE | SPECIAL_SESSION: Diwali Muhurat trading | CLOSED@2025-10-21T14:45",
        "2025-10-21T14:00    | MCX COM | LIVE | SPECIAL_SESSION: Diwali Muhurat trading | CLOSED@2025-10-21T14:45",
        // --- Diwali Muhurat 2026-11-08: announced, timings not published -> closed, said so honestly
        "2026-11-08T14:00    | NSE CM | CLOSED | HOLIDAY: Diwali Laxmi Pujan (Diwali Muhurat trading announced, timings not yet published) | PRE_OPEN@2026-11-09T09:00",
        "2026-11-08T14:00    | BSE CM | CLOSED | WEEKEND (Diwali Muhurat trading announced* | PRE_OPEN@2026-11-09T09:00",
        // --- MCX close follows US DST (2026: 23:30 from Mon 03-09 to Fri 10-30)
        "2026-03-06T23:40    | MCX COM | LIVE | - | CLOSED@2026-03-06T23:55",
        "2026-03-09T23:29:59 | MCX COM | LIVE | - | CLOSED@2026-03-09T23:30",
        "2026-03-09T23:40    | MCX COM | CLOSED | AFTER_HOURS | LIVE@2026-03-10T09:00",
        "2026-10-30T23:30    | MCX COM | CLOSED | AFTER_HOURS | LIVE@2026-11-02T09:00",
        "2026-11-02T23:40    | MCX COM | LIVE | - | CLOSED@2026-11-02T23:55",
        "2025-11-03T23:40    | MCX COM | LIVE | - | CLOSED@2025-11-03T23:55",
        "2025-10-31T23:40    | MCX COM | CLOSED | AFTER_HOURS | LIVE@2025-11-03T09:00",
        "2026-01-16T17:00    | MCX COM | LIVE | - | CLOSED@2026-01-16T23:55 | 2026-01-16T09:00",
        // --- MCX half days: morning and evening sessions open or close independently
        "2026-01-01T12:00    | MCX COM | LIVE | - | CLOSED@2026-01-01T17:00",
        "2026-01-01T18:00    | MCX COM | CLOSED | HOLIDAY: New Year* | LIVE@2026-01-02T09:00",
        "2026-03-03T10:00    | MCX COM | CLOSED | HOLIDAY: Holi* | LIVE@2026-03-03T17:00",
        "2026-03-03T18:00    | MCX COM | LIVE | - | CLOSED@2026-03-03T23:55",
        "2026-04-03T18:00    | MCX COM | CLOSED | HOLIDAY: Good Friday | LIVE@2026-04-06T09:00",
        // --- a holiday on a weekend is reported as the holiday
        "2026-08-15T10:00    | NSE CM | CLOSED | HOLIDAY: Independence Day | PRE_OPEN@2026-08-17T09:00",
    };

    static Stream<Arguments> cases() {
        return ZONES.stream().flatMap(zone -> Stream.of(CASES).map(row -> Arguments.of(zone, row)));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("cases")
    void phaseAt(String zone, String row) {
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            check(row);
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    private static void check(String row) {
        String[] f = row.split("\\|");
        Instant at = ist(f[0]);
        String[] market = f[1].trim().split(" ");
        SessionState s = ENGINE.at(at, Markets.resolve(market[0], market[1]), List.of());
        assertEquals(MarketPhase.valueOf(f[2].trim()), s.phase(), "phase");
        String reason = f[3].trim();
        if (reason.equals("-")) {
            assertEquals(null, s.reason(), "reason");
        } else if (reason.endsWith("*")) {
            assertNotNull(s.reason(), "reason");
            assertTrue(s.reason().startsWith(reason.substring(0, reason.length() - 1)), "reason was " + s.reason());
        } else if (!reason.isEmpty()) {
            assertEquals(reason, s.reason(), "reason");
        }
        String next = f[4].trim();
        if (!next.isEmpty()) {
            String[] pn = next.split("@");
            assertEquals(MarketPhase.valueOf(pn[0]), s.nextPhase(), "next phase");
            assertEquals(ist(pn[1]), s.nextChangeAt(), "next change");
        }
        if (f.length > 5) {
            assertEquals(ist(f[5]), s.phaseStartedAt(), "phase started at");
        }
    }

    static Instant ist(String local) {
        return LocalDateTime.parse(local.trim()).atZone(SessionEngine.IST).toInstant();
    }
}
