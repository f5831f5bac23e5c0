package io.tickwarden.auth.config;

import io.tickwarden.contracts.Ist;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The one source of "now" for the token lifecycle (06:00 IST expiry, reminder window, timestamps). Tests
 * replace it with a controllable clock so they can reach 06:00 without waiting.
 */
public class ClockProducer {

    public static final ZoneId IST = Ist.ZONE;

    @Produces
    @Singleton
    Clock clock() {
        return Clock.system(IST);
    }
}
