package io.tickwarden.session.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwarden.session.domain.EngineFixture;
import io.tickwarden.session.domain.SessionEngine;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code SESSION_CLOCK_START=auto} picks the next open instant of NSE CM, skipping weekends and holidays. */
class AutoClockStartTest {

    private final SessionEngine engine = EngineFixture.bundled();

    @Test
    void saturdayEveningStartsAtMondayOpen() {
        Instant saturday = OffsetDateTime.parse("2026-11-21T20:00:00+05:30").toInstant();
        assertEquals(
                Optional.of(OffsetDateTime.parse("2026-11-23T09:15:00+05:30").toInstant()),
                ClockProducer.nextLiveStart(engine, saturday));
    }

    @Test
    void holidaySkipsToTheNextTradingDay() {
        // 2026-11-24 is a holiday (Guru Nanak Jayanti): after the close on Monday 23rd, the next open is the 25th.
        Instant mondayEvening =
                OffsetDateTime.parse("2026-11-23T16:30:00+05:30").toInstant();
        assertEquals(
                Optional.of(OffsetDateTime.parse("2026-11-25T09:15:00+05:30").toInstant()),
                ClockProducer.nextLiveStart(engine, mondayEvening));
    }

    @Test
    void whileLiveTheAnswerIsNow() {
        Instant live = OffsetDateTime.parse("2026-11-23T11:00:00+05:30").toInstant();
        assertEquals(Optional.of(live), ClockProducer.nextLiveStart(engine, live));
    }
}
