package io.tickwarden.gateway.support;

import io.tickwarden.testing.RedisServerProcess;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Redis fixtures written exactly as the services write them: the snapshot keys (snake_case JSON) and
 * {@code feed.ticks} batches of {@code FeedTick}s (contracts {@code io.tickwarden.contracts.feed}).
 */
public final class Fixtures {

    public static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    private Fixtures() {}

    public static String ist(Instant i) {
        return OffsetDateTime.ofInstant(i, IST).toString();
    }

    /** {@code market:session:NSE} as session-service writes it (real clock, as_of = now). */
    public static String session(String phase, String nextPhase, long secondsToNext, Instant asOf) {
        return session("NSE", "CM", phase, nextPhase, secondsToNext, asOf);
    }

    /** {@code market:session:<EXCHANGE>:<SEGMENT>} (and the exchange's default key) as session-service writes it. */
    public static String session(
            String exchange, String segment, String phase, String nextPhase, long secondsToNext, Instant asOf) {
        boolean trading = !"CLOSED".equals(phase);
        return """
                {"exchange":"%s","segment":"%s","phase":"%s","title":"%s","description":"fixture",\
                "is_trading_hours":%s,"phase_started_at":"%s","next_phase":"%s","next_change_at":"%s",\
                "seconds_to_next_phase":%d,"trading_day":"2026-01-16","is_trading_day":true,"reason":null,\
                "random_close_from":null,"random_close_to":null,"calendar_published":true,\
                "market_timezone":"Asia/Kolkata","server_timezone":"UTC","clock_simulated":false,"as_of":"%s"}""".formatted(
                        exchange,
                        segment,
                        phase,
                        title(phase),
                        trading,
                        ist(asOf.minusSeconds(60)),
                        nextPhase,
                        ist(asOf.plusSeconds(secondsToNext)),
                        secondsToNext,
                        ist(asOf));
    }

    /** A {@code market.session} event as session-service publishes it. */
    public static String phaseChanged(String exchange, String segment, String from, String to, Instant at) {
        return """
                {"type":"phase_changed","exchange":"%s","segment":"%s","from":"%s","to":"%s","at":"%s",\
                "next_phase":null,"next_change_at":null,"reason":null}""".formatted(exchange, segment, from, to, ist(at));
    }

    private static String title(String phase) {
        return switch (phase) {
            case "LIVE" -> "Market open";
            case "CLOSED" -> "Market closed";
            default -> phase.charAt(0) + phase.substring(1).toLowerCase(Locale.ROOT);
        };
    }

    /** {@code auth:state} as auth-service writes it. */
    public static String auth(String state, Instant updatedAt) {
        boolean valid = "VALID".equals(state);
        boolean login = "EXPIRED".equals(state) || "REQUIRED".equals(state);
        return """
                {"state":"%s","is_valid":%s,"requires_login":%s,"reason":"FIXTURE","message":"token %s",\
                "user_id":"AB1234","user_name":"Fixture","login_time":null,"expires_at":null,"token_age_hours":null,\
                "last_validated_at":null,"last_error":null,"last_error_at":null,"token_version":3,\
                "state_since":"%s","updated_at":"%s","login_url":"http://localhost:8082/api/auth/login"}""".formatted(state, valid, login, state.toLowerCase(Locale.ROOT), ist(updatedAt), ist(updatedAt));
    }

    /** {@code feed:state} as feed-service writes it. */
    public static String feed(String state, String mode, boolean healthy, Instant updatedAt) {
        String quality = healthy ? ("REST_POLLING".equals(mode) ? "DEGRADED" : "GOOD") : "DOWN";
        return """
                {"state":"%s","mode":"%s","is_healthy":%s,"is_leader":true,"instance":"feed-1",\
                "connected_since":null,"last_tick_at":null,"last_tick_seconds_ago":%s,"ticks_per_second":0.0,\
                "reconnect_attempts":0,"consecutive_failures":0,"next_retry_at":null,"subscribed_instruments":2,\
                "requested_instruments":2,"unconfirmed_symbols":[],"connection_quality":"%s","last_error":%s,\
                "reason":"fixture","state_since":"%s","market_phase":"LIVE","auth_state":"VALID","updated_at":"%s"}""".formatted(
                        state,
                        mode,
                        healthy,
                        healthy ? "0.5" : "null",
                        quality,
                        healthy ? "null" : "\"connection refused\"",
                        ist(updatedAt),
                        ist(updatedAt));
    }

    /**
     * {@code feed:state} of a feed with per-segment clocks: as {@link #feed}, plus {@code broker}, {@code sockets}
     * and {@code segments}, each segment given as {@code "MCX:COM"} -> held instruments.
     */
    public static String feedWithSegments(
            String state, String mode, boolean healthy, Instant updatedAt, java.util.Map<String, Integer> held) {
        StringBuilder segments = new StringBuilder();
        held.forEach(
                (segment, n) -> segments.append(segments.isEmpty() ? "" : ",").append("""
                {"segment":"%s","phase":null,"open":true,"ticks_expected":false,"instruments":%d,\
                "last_tick_seconds_ago":null}""".formatted(segment, n)));
        String base = feed(state, mode, healthy, updatedAt);
        return base.substring(0, base.length() - 1) + ",\"broker\":\"kite\",\"sockets\":[],\"segments\":[" + segments
                + "]}";
    }

    /** One FeedTick as JSON in the given upstream mode. */
    public static String tick(String symbol, long token, long seq, double price) {
        return """
                {"instrument_token":%d,"symbol":"%s","exchange":"NSE","mode":"full","seq":%d,"source":"ws",\
                "tradable":true,"last_price":%s,"last_quantity":5,"average_price":%s,"volume":1000,\
                "buy_quantity":10,"sell_quantity":20,"ohlc":{"open":1.0,"high":2.0,"low":0.5,"close":1.5},\
                "change":1.25,"last_trade_time":"2026-01-16T10:00:00+05:30","oi":0,"oi_day_high":0,"oi_day_low":0,\
                "exchange_timestamp":"2026-01-16T10:00:00+05:30",\
                "depth":{"buy":[{"price":%s,"quantity":10,"orders":1}],"sell":[{"price":%s,"quantity":10,"orders":1}]},\
                "received_at":"%s"}""".formatted(token, symbol, seq, price, price, price, price, ist(Instant.now()));
    }

    /** A feed.ticks batch. */
    public static String batch(List<String> ticks) {
        return "{\"type\":\"ticks\",\"source\":\"ws\",\"epoch\":1,\"at\":\"" + ist(Instant.now()) + "\",\"count\":"
                + ticks.size() + ",\"ticks\":[" + String.join(",", ticks) + "]}";
    }

    /** One part of a frame that feed-service split into {@code parts} messages. */
    public static String batchPart(List<String> ticks, int part, int parts) {
        return batch(ticks).replace("\"count\":", "\"part\":" + part + ",\"parts\":" + parts + ",\"count\":");
    }

    public static void publish(RedisServerProcess redis, List<String> ticks) {
        redis.command("PUBLISH", "feed.ticks", batch(ticks));
    }

    /** All three snapshots healthy and the market LIVE. */
    public static void healthy(RedisServerProcess redis) {
        Instant now = Instant.now();
        redis.command("SET", "market:session:NSE", session("LIVE", "CLOSING_AUCTION", 3600, now));
        redis.command("SET", "auth:state", auth("VALID", now));
        redis.command("SET", "feed:state", feed("CONNECTED", "WEBSOCKET", true, now));
    }

    /** A 1-minute candle as feed-service writes it to {@code feed:candles:<symbol>:<day>} (field {@code hhmm}). */
    public static String candle(String day, String hhmm, double open, double close) {
        return """
                {"start":"%sT%s:00+05:30","open":%s,"high":%s,"low":%s,"close":%s,"volume":10,"ticks":1}""".formatted(day, hhmm, open, Math.max(open, close), Math.min(open, close), close);
    }

    /** A {@code feed.candles} message with one changed candle, as feed-service publishes it. */
    public static String candleUpdate(String day, String symbol, String hhmm, double open, double close) {
        return """
                {"type":"candles","candles":[{"symbol":"%s","day":"%s","minute":"%s","candle":%s}]}""".formatted(symbol, day, hhmm, candle(day, hhmm, open, close));
    }
}
