package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Published on {@code feed.state} at every change of state or mode:
 * {@code {"type":"feed_state_changed","from":"CONNECTED","to":"STALE","at":"...","reason":"tick_silence","mode":"WEBSOCKET","instance":"..."}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedStateChanged(String type, String from, String to, String at, String reason, String mode,
                               String instance) {

    public static final String TYPE = "feed_state_changed";
}
