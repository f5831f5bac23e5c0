package io.tickwarden.feed.broker.kite;

import io.tickwarden.feed.domain.MarketSegment;

/**
 * Kite's exchange codes to session-service segments. Indices carry their exchange (NSE, BSE) and so follow its cash
 * segment. BCD (BSE currency) has no clock of its own in session-service; it trades NSE CDS's hours, so it follows
 * that one.
 */
final class KiteSegments {

    private KiteSegments() {}

    /** The segment of an instruments-dump row's {@code exchange}; null for codes we do not know. */
    static MarketSegment of(String exchange) {
        if (exchange == null) {
            return null;
        }
        return switch (exchange) {
            case "NSE" -> MarketSegment.NSE_CM;
            case "NFO" -> MarketSegment.NSE_FO;
            case "CDS", "BCD" -> MarketSegment.NSE_CDS;
            case "BSE" -> MarketSegment.BSE_CM;
            case "BFO" -> MarketSegment.BSE_FO;
            case "MCX" -> MarketSegment.MCX_COM;
            default -> null;
        };
    }
}
