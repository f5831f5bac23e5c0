package io.tickwarden.sim;

import java.time.LocalDate;

/**
 * One row of the instruments dump. Prices are held as integer units of the segment's divisor, as on the wire.
 *
 * @param exchange        NSE, BSE, NFO, CDS, BCD, MCX (indices keep their exchange: NSE or BSE)
 * @param instrumentType  EQ, FUT, CE, PE (Kite lists indices as EQ in segment INDICES)
 */
public record Instrument(
        long instrumentToken,
        long exchangeToken,
        String tradingsymbol,
        String name,
        Segment segment,
        String exchange,
        String instrumentType,
        LocalDate expiry,
        double strike,
        long tickUnits,
        int lotSize,
        long referenceUnits) {

    /** {@code EXCHANGE:TRADINGSYMBOL}, the key Kite's quote API uses. */
    public String key() {
        return exchange + ":" + tradingsymbol;
    }

    public boolean isIndex() {
        return segment == Segment.INDICES;
    }

    public int divisor() {
        return segment.divisor();
    }

    public double price(long units) {
        return (double) units / segment.divisor();
    }
}
