package io.tickwarden.session.service;

import io.tickwarden.session.config.SessionConfig;
import io.tickwarden.session.domain.CalendarLoader;
import io.tickwarden.session.domain.ExchangeCalendar;
import io.tickwarden.session.domain.SessionEngine;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Builds the engine from the bundled data files, or from operator-supplied files (SESSION_CALENDAR_FILE,
 * SESSION_TIMING_FILE, e.g. a mounted ConfigMap). A bad file stops start-up: a wrong market clock is worse than
 * none.
 */
public class EngineProducer {

    static final String BUNDLED_CALENDAR = "calendar/exchange-calendar.csv";
    static final String BUNDLED_RULES = "calendar/timing-rules.csv";
    private static final Logger LOG = Logger.getLogger(EngineProducer.class);

    @Produces
    @Singleton
    SessionEngine engine(SessionConfig config) {
        ExchangeCalendar calendar;
        try (Reader cal = open(config.calendarFile(), BUNDLED_CALENDAR);
                Reader rules = open(config.timingFile(), BUNDLED_RULES)) {
            calendar = CalendarLoader.load(
                    cal,
                    name(config.calendarFile(), BUNDLED_CALENDAR),
                    rules,
                    name(config.timingFile(), BUNDLED_RULES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the calendar data", e);
        }
        LOG.infof(
                "Calendar loaded from %s: %d rows, %d timing rules",
                calendar.origin(), calendar.size(), calendar.rules().size());
        return new SessionEngine(calendar);
    }

    private static String name(Optional<String> file, String bundled) {
        return file.filter(f -> !f.isBlank()).orElse("classpath:" + bundled);
    }

    private static Reader open(Optional<String> file, String bundled) throws IOException {
        if (file.isPresent() && !file.get().isBlank()) {
            return Files.newBufferedReader(Path.of(file.get()), StandardCharsets.UTF_8);
        }
        InputStream in = EngineProducer.class.getClassLoader().getResourceAsStream(bundled);
        if (in == null) {
            throw new IOException("bundled " + bundled + " missing from the jar");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
