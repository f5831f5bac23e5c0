package io.tickwarden.session.redis;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A trading morning at 60x from 08:45 IST on Fri 2026-01-16: 09:00, 09:08 and 09:15 arrive 15, 23 and 30 s after
 * the clock starts. The clock starts with the application, and the test must subscribe before 09:00: 15 s of wall
 * time for the rest of the start-up (a 2-minute margin at 40x gave it 3 s, which a busy machine sometimes needed).
 */
public class SimulatedClockProfile implements QuarkusTestProfile {

    static final String START = "2026-01-16T08:45:00+05:30";
    static final double SPEED = 60;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("session.clock-start", START, "session.clock-speed", String.valueOf(SPEED));
    }
}
