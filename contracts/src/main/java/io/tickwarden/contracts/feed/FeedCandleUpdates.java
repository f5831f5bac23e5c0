package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Message on {@code feed.candles}: the 1-minute candles that changed in the last second, as they were just written to
 * {@code feed:candles:<symbol>:<day>}. A minute is closed once a later minute of the same
 * symbol appears.
 *
 * <p>Example:
 * <pre>{@code
 * {"type":"candles","candles":[{"symbol":"NSE:INFY","day":"2026-11-23","minute":"09:15",
 * "candle":{"start":"2026-11-23T09:15:00+05:30","open":1500.0,"high":1502.5,"low":1499.0,"close":1501.0,
 * "volume":1200,"ticks":14}}]}
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedCandleUpdates(String type, List<Update> candles) {

    public static final String TYPE = "candles";

    /**
     * @param day    the IST trading day ({@code yyyy-MM-dd}), as in the hash key
     * @param minute the IST minute the candle starts ({@code HH:mm}), the hash field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Update(String symbol, String day, String minute, FeedCandle candle) {}
}
