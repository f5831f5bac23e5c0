package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Published on {@code feed.state} at every change of state or mode.
 *
 * <p>Example:
 * <pre>{@code
 * {"type":"feed_state_changed","from":"CONNECTED","to":"STALE","at":"2026-11-23T10:02:11+05:30",
 * "reason":"tick_silence","mode":"WEBSOCKET","instance":"feed-1"}
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedStateChanged(
        String type, String from, String to, String at, String reason, String mode, String instance) {

    public static final String TYPE = "feed_state_changed";
}
