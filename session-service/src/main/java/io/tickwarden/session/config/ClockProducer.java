package io.tickwarden.session.config;

import io.tickwarden.contracts.session.MarketPhase;
import io.tickwarden.session.domain.Market;
import io.tickwarden.session.domain.Markets;
import io.tickwarden.session.domain.SessionEngine;
import io.tickwarden.session.domain.SessionState;
import io.tickwarden.session.domain.SimulatedClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one place time comes from: the system clock, or the simulated clock when SESSION_CLOCK_START is set. It
 * replaces http-edge's default UTC clock in this service.
 */
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    /** {@code SESSION_CLOCK_START=auto}: the real clock while NSE is open, else a simulated one from an open instant. */
    static final String AUTO = "auto";

    @Produces
    @Singleton
    Clock clock(SessionConfig config, SessionEngine engine) {
        if (config.clockStart().isEmpty() || config.clockStart().get().isBlank()) {
            return Clock.systemUTC();
        }
        double speed = config.clockSpeed();
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("SESSION_CLOCK_SPEED must be > 0 and <= 100000, got " + speed);
        }
        String text = config.clockStart().get().trim();
        Instant start;
        if (AUTO.equalsIgnoreCase(text)) {
            Instant now = Instant.now();
            Optional<Instant> open = nextLiveStart(engine, now);
            if (open.isEmpty() || !open.get().isAfter(now)) {
                LOG.infof("SESSION_CLOCK_START=auto: NSE is open now, so the real clock is used");
                return Clock.systemUTC();
            }
            start = open.get();
            LOG.warnf("SESSION_CLOCK_START=auto: the NSE market is closed now, so the clock is simulated from the "
                    + "next open instant");
        } else {
            start = parseStart(text);
        }
        LOG.warnf(
                "SIMULATED CLOCK: starting at %s (%s IST) running at %.1fx; the API reports clock_simulated=true",
                start, start.atZone(SessionEngine.IST).toLocalDateTime(), speed);
        return new SimulatedClock(start, speed);
    }

    /**
     * The start of the next LIVE phase of NSE CM at or after {@code now} (now itself while LIVE), looking a few
     * weeks ahead at most.
     */
    static Optional<Instant> nextLiveStart(SessionEngine engine, Instant now) {
        Market nse = Markets.resolve("NSE", "CM");
        Instant t = now;
        for (int i = 0; i < 200; i++) {
            SessionState state = engine.at(t, nse, List.of());
            if (state.phase() == MarketPhase.LIVE) {
                return Optional.of(t);
            }
            if (state.nextChangeAt() == null || !state.nextChangeAt().isAfter(t)) {
                return Optional.empty();
            }
            t = state.nextChangeAt();
        }
        return Optional.empty();
    }

    /** ISO instant or offset date-time; a local date-time without offset is taken as IST. */
    static Instant parseStart(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).atZone(SessionEngine.IST).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("SESSION_CLOCK_START '" + text
                    + "' is not an ISO-8601 instant or offset date-time, e.g. 2026-01-16T08:59:30+05:30");
        }
    }
}
