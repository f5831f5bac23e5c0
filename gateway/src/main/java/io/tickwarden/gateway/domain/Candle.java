package io.tickwarden.gateway.domain;

import io.tickwarden.contracts.gateway.GatewayMessages;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One candle as clients receive it: {@code start} is the IST minute it opens at (an IST multiple of its width),
 * {@code minutes} how many 1-minute candles it was built from (fewer than the width while it forms, or where the
 * feed saw no trade).
 */
public record Candle(
        OffsetDateTime start, double open, double high, double low, double close, long volume, int ticks, int minutes) {

    /** As clients receive it ({@code GET /api/candles}, the {@code candle} message). */
    public GatewayMessages.Candle toMessage() {
        return new GatewayMessages.Candle(
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start), open, high, low, close, volume, ticks, minutes);
    }
}
