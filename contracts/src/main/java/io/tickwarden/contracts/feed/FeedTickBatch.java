package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Message on {@code feed.ticks}: the ticks of one upstream WebSocket frame (or one REST poll), or, for a frame larger
 * than feed-service's {@code feed.ticks-message-max-ticks}, of one part of it (the parts are published in order and
 * share {@code epoch} and {@code at}).
 *
 * <p>Example:
 * <pre>{@code
 * {"type":"ticks","source":"ws","epoch":3,"at":"2026-11-23T09:15:09+05:30","count":1,"part":0,"parts":1,
 * "ticks":[{"instrument_token":256265,"symbol":"NSE:NIFTY 50","exchange":"NSE","mode":"ltp","seq":3000000007,
 * "source":"ws","tradable":false,"last_price":23450.5,"last_quantity":null,"average_price":null,"volume":null,
 * "buy_quantity":null,"sell_quantity":null,"ohlc":null,"change":0.35,"last_trade_time":null,"oi":null,
 * "oi_day_high":null,"oi_day_low":null,"exchange_timestamp":null,"depth":null,
 * "received_at":"2026-11-23T09:15:09+05:30"}]}
 * }</pre>
 *
 * @param epoch leader term that produced the batch (increases at every leader change)
 * @param part  index of this message within its frame, from 0
 * @param parts number of messages the frame was split into; a reader may wait for the last part before flushing
 *              its clients, so a client gets one message per frame and not one per part
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedTickBatch(
        String type, String source, long epoch, String at, int count, int part, int parts, List<FeedTick> ticks) {

    public static final String TYPE = "ticks";
}
