package io.tickwarden.contracts.feed;

/**
 * A 1-minute OHLCV candle, field {@code HH:mm} (IST minute start) of {@code feed:candles:<symbol>:<trading day>}.
 * {@code volume} is the traded volume within the minute (from the cumulative day volume; 0 for indices and ltp).
 */
public record FeedCandle(String start, double open, double high, double low, double close, long volume, int ticks) {
}
