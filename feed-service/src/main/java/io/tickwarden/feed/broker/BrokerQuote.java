package io.tickwarden.feed.broker;

import io.tickwarden.feed.domain.Tick;

/** One REST quote, as the tick it stands for, with the symbol it was asked by. */
public record BrokerQuote(String symbol, Tick tick) {}
