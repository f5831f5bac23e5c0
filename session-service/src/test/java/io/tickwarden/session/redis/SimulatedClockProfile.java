package io.tickwarden.session.redis;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A trading morning at 40x: 08:58 IST on Fri 2026-01-16, so 09:00, 09:08 and 09:15 arrive within ~26 s. */
public class SimulatedClockProfile implements QuarkusTestProfile {

    static final String START = "2026-01-16T08:58:00+05:30";
    static final double SPEED = 40;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("session.clock-start", START, "session.clock-speed", String.valueOf(SPEED));
    }
}
