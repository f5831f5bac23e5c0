package io.tickwarden.kitesim.service;

import io.tickwarden.sim.SimClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link SimClock} of this sim: tokens, timestamps and {@code /sim/clock} all read and move it. */
public class SimClockProducer {

    @Produces
    @Singleton
    SimClock clock() {
        return new SimClock();
    }
}
