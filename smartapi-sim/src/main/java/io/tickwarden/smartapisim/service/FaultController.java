package io.tickwarden.smartapisim.service;

import io.tickwarden.sim.Faults;
import jakarta.enterprise.context.ApplicationScoped;

/** This simulator's active faults ({@link Faults}), over its own {@link FaultKind}s. */
@ApplicationScoped
public class FaultController extends Faults<FaultKind> {

    public FaultController() {
        super(FaultKind.class);
    }
}
