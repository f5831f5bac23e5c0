package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A 1-minute OHLCV candle: the value of field {@code HH:mm} (the IST minute it starts) of
 * {@code feed:candles:<symbol>:<trading day>}, e.g. field {@code 09:15} holds the example below.
 * {@code volume} is the traded volume within the minute (from the cumulative day volume; 0 for indices and ltp).
 *
 * <p>Example:
 * <pre>{@code
 * {"start":"2026-11-23T09:15:00+05:30","open":1500.0,"high":1502.5,"low":1499.0,"close":1501.0,"volume":1200,
 * "ticks":14}
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedCandle(String start, double open, double high, double low, double close, long volume, int ticks) {}
