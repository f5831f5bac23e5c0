package io.tickwarden.session.config;

import io.tickwarden.session.domain.SessionEngine;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The one place time comes from: the system clock, or the simulated clock when SESSION_CLOCK_START is set. */
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    @Produces
    @Singleton
    Clock clock(SessionConfig config) {
        if (config.clockStart().isEmpty() || config.clockStart().get().isBlank()) {
            return Clock.systemUTC();
        }
        double speed = config.clockSpeed();
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("SESSION_CLOCK_SPEED must be > 0 and <= 100000, got " + speed);
        }
        Instant start = parseStart(config.clockStart().get().trim());
        LOG.warnf("SIMULATED CLOCK: starting at %s (%s IST) running at %.1fx; the API reports clock_simulated=true",
                start, start.atZone(SessionEngine.IST).toLocalDateTime(), speed);
        return new SimulatedClock(start, speed);
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
