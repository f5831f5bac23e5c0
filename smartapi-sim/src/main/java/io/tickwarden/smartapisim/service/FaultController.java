package io.tickwarden.smartapisim.service;

import io.tickwarden.sim.Faults;
import jakarta.inject.Singleton;

/** This simulator's active faults ({@link Faults}), over its own {@link FaultKind}s. */
@Singleton
public class FaultController extends Faults<FaultKind> {

    public FaultController() {
        super(FaultKind.class);
    }
}
