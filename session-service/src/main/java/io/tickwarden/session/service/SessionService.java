package io.tickwarden.session.service;

import io.tickwarden.contracts.Ist;
import io.tickwarden.contracts.session.MarketSessionSnapshot;
import io.tickwarden.session.domain.Market;
import io.tickwarden.session.domain.SessionEngine;
import io.tickwarden.session.domain.SessionState;
import io.tickwarden.session.domain.SimulatedClock;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Turns engine answers into the contract's snapshot, for the API and the Redis keys alike. */
@Singleton
public class SessionService {

    private final Clock clock;
    private final SessionEngine engine;
    private final OverrideService overrides;

    public SessionService(Clock clock, SessionEngine engine, OverrideService overrides) {
        this.clock = clock;
        this.engine = engine;
        this.overrides = overrides;
    }

    public Instant now() {
        return clock.instant();
    }

    public boolean simulated() {
        return clock instanceof SimulatedClock;
    }

    public MarketSessionSnapshot current(Market market) {
        return at(now(), market);
    }

    public SessionState state(Instant instant, Market market) {
        return engine.at(instant, market, overrides.current());
    }

    public MarketSessionSnapshot at(Instant instant, Market market) {
        return toSnapshot(state(instant, market));
    }

    public MarketSessionSnapshot toSnapshot(SessionState s) {
        Long seconds = s.nextChangeAt() == null
                ? null
                : Math.max(0, (Duration.between(s.at(), s.nextChangeAt()).toMillis() + 999) / 1000);
        return new MarketSessionSnapshot(
                s.market().exchange(),
                s.market().segment(),
                s.phase().name(),
                s.phase().title(),
                s.description(),
                s.phase().isTradingHours(),
                format(s.phaseStartedAt()),
                s.nextPhase() == null ? null : s.nextPhase().name(),
                format(s.nextChangeAt()),
                seconds,
                s.tradingDay() == null ? null : s.tradingDay().toString(),
                s.isTradingDay(),
                s.reason(),
                format(s.randomCloseFrom()),
                format(s.randomCloseTo()),
                s.calendarPublished(),
                SessionEngine.IST.getId(),
                // Informational only: nothing is computed in this zone.
                ZoneId.systemDefault().getId(),
                simulated(),
                format(s.at().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** ISO-8601 with the +05:30 offset, as the contract shows market times. */
    public static String format(Instant instant) {
        return instant == null ? null : Ist.format(instant);
    }
}
