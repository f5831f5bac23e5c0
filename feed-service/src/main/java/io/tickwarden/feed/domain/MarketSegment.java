package io.tickwarden.feed.domain;

import java.util.List;
import java.util.Optional;

/**
 * An exchange segment with its own session clock in session-service ({@code market:session:<EXCHANGE>:<SEGMENT>}).
 * Every instrument follows exactly one; brokers' exchange codes map onto these in their adapter.
 */
public record MarketSegment(String exchange, String segment) {

    public static final MarketSegment NSE_CM = new MarketSegment("NSE", "CM");
    public static final MarketSegment NSE_FO = new MarketSegment("NSE", "FO");
    public static final MarketSegment NSE_CDS = new MarketSegment("NSE", "CDS");
    public static final MarketSegment BSE_CM = new MarketSegment("BSE", "CM");
    public static final MarketSegment BSE_FO = new MarketSegment("BSE", "FO");
    public static final MarketSegment MCX_COM = new MarketSegment("MCX", "COM");

    /** Every segment session-service publishes, the exchange's default (cash) segment first. */
    public static final List<MarketSegment> ALL = List.of(NSE_CM, NSE_FO, NSE_CDS, BSE_CM, BSE_FO, MCX_COM);

    /** {@code NSE:CM}: how the state view and logs name it. */
    public String key() {
        return exchange + ":" + segment;
    }

    /** The default segment of an exchange (its cash market; MCX's only one), e.g. for the feed's home clock. */
    public static Optional<MarketSegment> defaultOf(String exchange) {
        return ALL.stream().filter(s -> s.exchange().equalsIgnoreCase(exchange)).findFirst();
    }

    @Override
    public String toString() {
        return key();
    }
}
