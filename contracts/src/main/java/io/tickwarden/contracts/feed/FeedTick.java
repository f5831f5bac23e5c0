package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One tick as published by feed-service in a {@link FeedTickBatch} on {@code feed.ticks} and as the value of a
 * field of {@code feed:quotes}. Component names are the JSON names. Fields a mode does not carry are null and
 * left out of the JSON ({@code ltp}: price only; {@code quote}: + quantities and OHLC; {@code full}: + times, OI,
 * depth; index packets: OHLC and change, no quantities).
 *
 * <p>Example:
 * <pre>{@code
 * {"instrument_token":408065,"symbol":"NSE:INFY","exchange":"NSE","mode":"full","seq":3000000042,"source":"ws",
 * "tradable":true,"last_price":1501.0,"last_quantity":5,"average_price":1500.2,"volume":120000,
 * "buy_quantity":5400,"sell_quantity":6100,"ohlc":{"open":1495.0,"high":1503.0,"low":1490.5,"close":1498.0},
 * "change":0.2,"last_trade_time":"2026-11-23T09:15:08+05:30","oi":0,"oi_day_high":0,"oi_day_low":0,
 * "exchange_timestamp":"2026-11-23T09:15:09+05:30","depth":{"buy":[{"price":1500.95,"quantity":25,"orders":2}],
 * "sell":[{"price":1501.0,"quantity":40,"orders":3}]},"received_at":"2026-11-23T09:15:09+05:30"}
 * }</pre>
 *
 * @param seq                per-instrument sequence number, strictly increasing: {@code epoch * 1e9 + n}
 * @param source             {@code ws} (Kite ticker) or {@code rest} (fallback polling of /quote)
 * @param change             percent change of last_price against close (as Kite's clients compute it)
 * @param exchange_timestamp ISO-8601 in +05:30; null when the packet carries none (ltp, quote modes)
 * @param received_at        when feed-service received it, ISO-8601 in +05:30
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedTick(
        long instrument_token,
        String symbol,
        String exchange,
        String mode,
        long seq,
        String source,
        boolean tradable,
        double last_price,
        Long last_quantity,
        Double average_price,
        Long volume,
        Long buy_quantity,
        Long sell_quantity,
        Ohlc ohlc,
        Double change,
        String last_trade_time,
        Long oi,
        Long oi_day_high,
        Long oi_day_low,
        String exchange_timestamp,
        Depth depth,
        String received_at) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ohlc(double open, double high, double low, double close) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Depth(List<DepthLevel> buy, List<DepthLevel> sell) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DepthLevel(double price, long quantity, int orders) {}
}
