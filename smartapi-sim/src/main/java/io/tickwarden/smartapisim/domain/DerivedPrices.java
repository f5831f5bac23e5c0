package io.tickwarden.smartapisim.domain;

import io.tickwarden.sim.QuoteSnapshot;

/**
 * Figures Angel sends that the shared market model does not walk: circuit limits (close ± 10%, fixed for the day)
 * and the 52-week range (close × 1.25 and × 0.75, widened by the day's high and low). Computed from the snapshot
 * alone, so REST quotes and SnapQuote packets of one instant agree. Indices have no circuits (0). Model units,
 * rounded to the tick.
 */
public final class DerivedPrices {

    private DerivedPrices() {}

    public static long upperCircuit(QuoteSnapshot s) {
        return s.instrument().isIndex()
                ? 0
                : round(s.close() * 1.10, s.instrument().tickUnits());
    }

    public static long lowerCircuit(QuoteSnapshot s) {
        return s.instrument().isIndex()
                ? 0
                : round(s.close() * 0.90, s.instrument().tickUnits());
    }

    public static long week52High(QuoteSnapshot s) {
        return Math.max(s.high(), round(s.close() * 1.25, s.instrument().tickUnits()));
    }

    public static long week52Low(QuoteSnapshot s) {
        return Math.min(s.low(), round(s.close() * 0.75, s.instrument().tickUnits()));
    }

    private static long round(double units, long tick) {
        return Math.max(tick, Math.round(units / tick) * tick);
    }
}
