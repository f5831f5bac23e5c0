package io.tickwarden.smartapisim.service;

import io.tickwarden.sim.SimClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link SimClock} of this sim: JWT expiry, packet timestamps and {@code /sim/clock} all read and move it. */
public class SimClockProducer {

    @Produces
    @Singleton
    SimClock clock() {
        return new SimClock();
    }
}
