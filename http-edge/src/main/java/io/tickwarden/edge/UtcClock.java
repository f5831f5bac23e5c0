package io.tickwarden.edge;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of "now" in every service: UTC, so no code depends on the zone of a clock (IST is always
 * explicit). A service or a test replaces it by producing its own {@link Clock} (session-service's simulated clock).
 */
public class UtcClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
