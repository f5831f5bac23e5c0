package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Body of {@code GET /api/feed/state} and value of {@code feed:state} (written by the leader; a standby answers its
 * own view over HTTP). Component names are the JSON names.
 *
 * <p>Example:
 * <pre>{@code
 * {"state":"CONNECTED","mode":"WEBSOCKET","is_healthy":true,"is_leader":true,"instance":"feed-1",
 * "connected_since":"2026-11-23T09:00:02+05:30","last_tick_at":"2026-11-23T09:15:09+05:30",
 * "last_tick_seconds_ago":0.4,"ticks_per_second":85.5,"reconnect_attempts":2,"consecutive_failures":0,
 * "next_retry_at":null,"subscribed_instruments":120,"requested_instruments":121,
 * "unconfirmed_symbols":["NSE:SBIN"],"connection_quality":"GOOD","last_error":"read timeout",
 * "reason":"connected","state_since":"2026-11-23T09:00:02+05:30","market_phase":"LIVE","auth_state":"VALID",
 * "updated_at":"2026-11-23T09:15:10+05:30","broker":"kite","sockets":[{"socket":0,"state":"CONNECTED",
 * "mode":"WEBSOCKET","instruments":120,"confirmed":118,"connected_since":"2026-11-23T09:00:02+05:30",
 * "last_tick_seconds_ago":0.4,"reason":"connected"}],"segments":[{"segment":"NSE:CM","phase":"LIVE","open":true,
 * "ticks_expected":true,"instruments":120,"last_tick_seconds_ago":0.4}]}
 * }</pre>
 *
 * @param state                  IDLE, STANDBY, CONNECTING, CONNECTED, STALE, DISCONNECTED, AUTH_BLOCKED, ERROR
 * @param mode                   WEBSOCKET, REST_POLLING or NONE
 * @param subscribed_instruments instruments confirmed by data on the current socket
 * @param connection_quality     GOOD, DEGRADED (fallback, reconnecting) or DOWN
 * @param unconfirmed_symbols    subscribed but no data seen yet on their socket
 * @param broker                 the upstream broker adapter ({@code kite})
 * @param sockets                the upstream socket pool, one entry per slot in use
 * @param segments               every exchange segment the feed knows, with its phase and held instruments
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedStateView(
        String state,
        String mode,
        boolean is_healthy,
        boolean is_leader,
        String instance,
        String connected_since,
        String last_tick_at,
        Double last_tick_seconds_ago,
        double ticks_per_second,
        long reconnect_attempts,
        int consecutive_failures,
        String next_retry_at,
        int subscribed_instruments,
        int requested_instruments,
        List<String> unconfirmed_symbols,
        String connection_quality,
        String last_error,
        String reason,
        String state_since,
        String market_phase,
        String auth_state,
        String updated_at,
        String broker,
        List<FeedSocketView> sockets,
        List<FeedSegmentView> segments) {}
