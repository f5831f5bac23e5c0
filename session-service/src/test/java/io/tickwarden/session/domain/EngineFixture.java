package io.tickwarden.session.domain;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Loads the calendar data the service ships, so the tests check the real data, not a copy. */
public final class EngineFixture {

    private EngineFixture() {}

    public static SessionEngine bundled() {
        try (Reader cal = resource("calendar/exchange-calendar.csv");
                Reader rules = resource("calendar/timing-rules.csv")) {
            return new SessionEngine(CalendarLoader.load(cal, "exchange-calendar.csv", rules, "timing-rules.csv"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Reader resource(String name) {
        return new InputStreamReader(
                Objects.requireNonNull(EngineFixture.class.getClassLoader().getResourceAsStream(name), name),
                StandardCharsets.UTF_8);
    }
}
