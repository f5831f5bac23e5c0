package io.tickwarden.gateway.domain;

import java.time.OffsetDateTime;

/**
 * One candle as clients receive it: {@code start} is the IST minute it opens at (an IST multiple of its width),
 * {@code minutes} how many 1-minute candles it was built from (fewer than the width while it forms, or where the
 * feed saw no trade).
 */
public record Candle(OffsetDateTime start, double open, double high, double low, double close, long volume, int ticks,
                     int minutes) {
}
