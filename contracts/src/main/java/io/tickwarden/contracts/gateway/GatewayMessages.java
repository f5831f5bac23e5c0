package io.tickwarden.contracts.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * Server-to-client messages of {@code /ws/market} other than ticks and snapshots (whose bodies are feed ticks
 * trimmed to the client's mode). Component names are the JSON names: snake_case, except the camelCase that the
 * system contract shows for the heartbeat ({@code marketStatus}, {@code connectionHealth}).
 */
public final class GatewayMessages {

    private GatewayMessages() {}

    /**
     * Sent first on connect and again on every feed, auth or market change, a phase change of any segment included.
     *
     * <p>Example:
     * <pre>{@code
     * {"type":"connection_status","mode":"WEBSOCKET","quality":"GOOD",
     * "message":"Continuous trading · next CLOSING_AUCTION at 2026-11-23T15:30:00+05:30","market_status":"LIVE",
     * "auth_required":false,"priority_status":"MARKET_SESSION","feed_state":"CONNECTED",
     * "timestamp":"2026-11-23T09:15:10+05:30","segments":[{"segment":"NSE:CM","phase":"LIVE","open":true,
     * "title":"Continuous trading","next_phase":"CLOSING_AUCTION","next_change_at":"2026-11-23T15:30:00+05:30",
     * "snapshot_status":"FRESH"}]}
     * }</pre>
     *
     * @param mode          the feed's upstream mode: WEBSOCKET, REST_POLLING or NONE (UNKNOWN when stale)
     * @param quality       GOOD, DEGRADED or DOWN
     * @param market_status the market phase (CLOSED, LIVE...) or UNKNOWN
     * @param priority_status AUTH_REQUIRED, FEED_DISCONNECTED or MARKET_SESSION
     * @param segments      every exchange segment's phase, in the gateway's configured order (NSE:CM first)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConnectionStatus(
            String type,
            String mode,
            String quality,
            String message,
            String market_status,
            boolean auth_required,
            String priority_status,
            String feed_state,
            String timestamp,
            List<SegmentStatus> segments) {
        public static final String TYPE = "connection_status";
    }

    /**
     * One exchange segment's session, from {@code market:session:<EXCHANGE>:<SEGMENT>}: each segment keeps its own
     * clock (at 20:00 IST NSE is CLOSED while MCX is LIVE), so a client can tell which of its symbols should tick.
     *
     * @param segment         {@code EXCHANGE:SEGMENT}, e.g. {@code NSE:CM}, {@code MCX:COM}
     * @param phase           CLOSED, PRE_OPEN, AUCTION_FREEZE, LIVE, CLOSING_AUCTION, POST_CLOSE, or UNKNOWN when the
     *                        snapshot is not fresh
     * @param open            phase is not CLOSED; null when the phase is UNKNOWN
     * @param title           session-service's title of the phase, or null
     * @param next_phase      the next phase, or null
     * @param next_change_at  when the next phase starts (ISO-8601, +05:30), or null
     * @param snapshot_status FRESH, STALE, MISSING or UNREADABLE
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SegmentStatus(
            String segment,
            String phase,
            Boolean open,
            String title,
            String next_phase,
            String next_change_at,
            String snapshot_status) {}

    /** Feed health inside the heartbeat. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConnectionHealth(
            String state,
            boolean is_healthy,
            String connection_quality,
            boolean using_rest_fallback,
            Double last_tick_seconds_ago) {}

    /**
     * Every {@code gateway.ws.heartbeat-interval} (30 s).
     *
     * <p>Example:
     * <pre>{@code
     * {"type":"heartbeat","timestamp":"2026-11-23T09:15:30+05:30","connections":2,"marketStatus":"LIVE",
     * "connectionHealth":{"state":"CONNECTED","is_healthy":true,"connection_quality":"GOOD",
     * "using_rest_fallback":false,"last_tick_seconds_ago":0.4}}
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Heartbeat(
            String type, String timestamp, int connections, String marketStatus, ConnectionHealth connectionHealth) {
        public static final String TYPE = "heartbeat";
    }

    /** One symbol refused by a subscribe or unsubscribe. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rejection(String symbol, String reason, String message) {}

    /**
     * Answer to a subscribe: accepted symbols (with the mode now in force) and each rejection. {@code recovered} and
     * {@code recovery} are present only when the subscribe carried {@code positions} (null otherwise, left out of the
     * JSON): {@code recovered} is true when every symbol with a position was recovered.
     *
     * <p>Example:
     * <pre>{@code
     * {"type":"subscribed","mode":"quote","symbols":["NSE:INFY"],"rejected":[{"symbol":"NSE:NOPE",
     * "reason":"unknown_symbol","message":"NSE:NOPE is not a known instrument"}],"total_subscriptions":1,
     * "recovered":true,"recovery":[{"symbol":"NSE:INFY","recovered":true,"replayed":12}]}
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Subscribed(
            String type,
            String mode,
            List<String> symbols,
            List<Rejection> rejected,
            int total_subscriptions,
            Boolean recovered,
            List<Recovery> recovery) {
        public static final String TYPE = "subscribed";

        /** A subscribe without positions. */
        public Subscribed(
                String type, String mode, List<String> symbols, List<Rejection> rejected, int total_subscriptions) {
            this(type, mode, symbols, rejected, total_subscriptions, null, null);
        }
    }

    /**
     * The recovery result of one symbol of a subscribe with positions: recovered with the number of ticks replayed,
     * or not recovered with a reason ({@link GatewayRecoveryReasons}) and a message (the symbol then gets the
     * snapshot). Nulls are left out of the JSON.
     *
     * <p>Example:
     * <pre>{@code
     * {"symbol":"NSE:TCS","recovered":false,"replayed":0,"reason":"TOO_OLD",
     * "message":"the history no longer reaches back to position 5000000123"}
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recovery(String symbol, boolean recovered, Integer replayed, String reason, String message) {

        public static Recovery replayed(String symbol, int replayed) {
            return new Recovery(symbol, true, replayed, null, null);
        }

        public static Recovery failed(String symbol, String reason, String message) {
            return new Recovery(symbol, false, null, reason, message);
        }
    }

    /**
     * Answer to an unsubscribe.
     *
     * <p>Example:
     * <pre>{@code
     * {"type":"unsubscribed","symbols":["NSE:INFY"],"rejected":[{"symbol":"NSE:TCS","reason":"not_subscribed",
     * "message":"NSE:TCS was not subscribed"}],"total_subscriptions":0}
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Unsubscribed(String type, List<String> symbols, List<Rejection> rejected, int total_subscriptions) {
        public static final String TYPE = "unsubscribed";
    }

    /**
     * Bad input; the connection stays open.
     *
     * <p>Example:
     * <pre>{@code
     * {"type":"error","code":"too_many_symbols","message":"at most 100 symbols per request"}
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(String type, String code, String message) {
        public static final String TYPE = "error";
    }

    /**
     * Answer to {@code {"action":"ping"}}.
     *
     * <p>Example:
     * <pre>{@code
     * {"type":"pong","timestamp":"2026-11-23T09:15:30+05:30"}
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pong(String type, String timestamp) {
        public static final String TYPE = "pong";
    }

    /**
     * One OHLCV candle ({@code GET /api/candles} and the {@code candle} message). {@code start} is the IST minute it
     * opens at (ISO-8601, +05:30); {@code minutes} how many 1-minute candles went into it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Candle(
            String start, double open, double high, double low, double close, long volume, int ticks, int minutes) {}

    /**
     * Answer to {@code {"action":"subscribe_candles","symbols":[...],"interval":"5m"}}: the symbols whose
     * {@code interval} candles this connection now receives, each rejection, and its candle subscriptions in all.
     *
     * <p>Example:
     * <pre>{@code
     * {"type":"candles_subscribed","interval":"5m","symbols":["NSE:INFY"],"rejected":[],
     * "total_candle_subscriptions":1}
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CandlesSubscribed(
            String type,
            String interval,
            List<String> symbols,
            List<Rejection> rejected,
            int total_candle_subscriptions) {
        public static final String TYPE = "candles_subscribed";
    }

    /**
     * Answer to {@code {"action":"unsubscribe_candles","symbols":[...],"interval":"5m"}}.
     *
     * <p>Example:
     * <pre>{@code
     * {"type":"candles_unsubscribed","interval":"5m","symbols":["NSE:INFY"],"rejected":[],
     * "total_candle_subscriptions":0}
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CandlesUnsubscribed(
            String type,
            String interval,
            List<String> symbols,
            List<Rejection> rejected,
            int total_candle_subscriptions) {
        public static final String TYPE = "candles_unsubscribed";
    }

    /**
     * A candle of a candle subscription: the forming one on every change (at most once a second), and once more with
     * {@code closed: true} when a later candle of the symbol begins.
     *
     * <p>Example:
     * <pre>{@code
     * {"type":"candle","symbol":"NSE:INFY","interval":"5m","closed":false,
     * "candle":{"start":"2026-11-23T09:15:00+05:30","open":1500.0,"high":1502.5,"low":1499.0,"close":1501.0,
     * "volume":3400,"ticks":41,"minutes":3}}
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CandleUpdate(String type, String symbol, String interval, boolean closed, Candle candle) {
        public static final String TYPE = "candle";
    }

    /**
     * Client-to-server request as parsed (for clients written in Java, e.g. the bench). {@code positions}: symbol to
     * the last {@code seq} received, for a subscribe that recovers by position (null: none).
     *
     * <p>Example:
     * <pre>{@code
     * {"action":"subscribe","symbols":["NSE:INFY","NSE:TCS"],"mode":"quote","positions":{"NSE:INFY":5000000123}}
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClientRequest(String action, List<String> symbols, String mode, Map<String, Long> positions) {

        public ClientRequest(String action, List<String> symbols, String mode) {
            this(action, symbols, mode, null);
        }
    }

    /** Keys of the JSON objects above, for clients that parse generically. */
    public static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("candles_subscribed", "subscribe_candles answer"),
            Map.entry("candles_unsubscribed", "unsubscribe_candles answer"),
            Map.entry("candle", "a forming or closed candle"),
            Map.entry("connection_status", "status on connect and on change"),
            Map.entry("subscribed", "subscribe answer"),
            Map.entry("unsubscribed", "unsubscribe answer"),
            Map.entry("snapshot", "latest quotes of newly subscribed symbols"),
            Map.entry("tick", "one update"),
            Map.entry("ticks", "a batch of updates"),
            Map.entry("heartbeat", "periodic feed health"),
            Map.entry("error", "bad input"),
            Map.entry("pong", "ping answer"));
}
