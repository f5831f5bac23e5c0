package io.tickwarden.smartapisim.domain;

import io.tickwarden.sim.Instrument;
import java.util.Optional;

/**
 * One row of Angel's instrument master, as strings the way Angel writes them, plus where the shared universe keeps
 * its prices.
 *
 * @param catalogIndex   index of the same contract in the shared {@code InstrumentCatalog} (and market model)
 * @param exchangeType   the WebSocket 2.0 exchange type that streams it; empty for BCD, which Angel does not stream
 * @param strike         strike × 100 with six decimals, {@code -1.000000} for anything but an option
 * @param tickSize       tick in paise with six decimals
 */
public record AngelInstrument(
        int catalogIndex,
        Instrument instrument,
        String token,
        String symbol,
        String name,
        String expiry,
        String strike,
        String lotsize,
        String instrumenttype,
        String exchSeg,
        String tickSize,
        Optional<ExchangeType> exchangeType) {

    /** Units of the shared model per rupee (100, 10^7 for CDS, 10^4 for BCD). */
    public long unitsPerRupee() {
        return instrument.divisor();
    }

    public double rupees(long units) {
        return (double) units / instrument.divisor();
    }

    public boolean isIndex() {
        return instrument.isIndex();
    }
}
