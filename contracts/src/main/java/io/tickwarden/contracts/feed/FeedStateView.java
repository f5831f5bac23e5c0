package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * Body of {@code GET /api/feed/state} and value of {@code feed:state} (written by the leader; a standby answers its
 * own view over HTTP). Component names are the JSON names.
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
        List<FeedSegmentView> segments) {
}
