package io.tickwarden.feed.broker;

import io.tickwarden.feed.domain.MarketSegment;

/**
 * One instrument of the broker's daily list.
 *
 * @param symbol   {@code EXCHANGE:TRADINGSYMBOL} as clients name it
 * @param exchange the broker's exchange code (Kite: NSE, NFO, MCX, ...)
 * @param segment  the session-service segment whose clock it follows; null when the adapter cannot tell
 */
public record BrokerInstrument(long token, String symbol, String exchange, MarketSegment segment) {}
