package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One upstream socket of the feed's pool, in {@link FeedStateView#sockets()}.
 *
 * <p>Example:
 * <pre>{@code
 * {"socket":0,"state":"CONNECTED","mode":"WEBSOCKET","instruments":120,"confirmed":118,
 * "connected_since":"2026-11-23T09:00:02+05:30","last_tick_seconds_ago":0.4,"reason":"connected"}
 * }</pre>
 *
 * @param socket                the pool slot, 0 to the broker's sockets per api_key minus one
 * @param state                 CONNECTING, CONNECTED, STALE, DISCONNECTED or IDLE (no instruments, or all its
 *                              segments closed)
 * @param mode                  WEBSOCKET, REST_POLLING (its instruments are polled) or NONE
 * @param instruments           instruments assigned to this socket
 * @param confirmed             of those, how many data confirmed since it connected
 * @param connected_since       IST, null while down
 * @param last_tick_seconds_ago age of its last tick (null: none yet)
 * @param reason                why it is in this state
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedSocketView(
        int socket,
        String state,
        String mode,
        int instruments,
        int confirmed,
        String connected_since,
        Double last_tick_seconds_ago,
        String reason) {}
