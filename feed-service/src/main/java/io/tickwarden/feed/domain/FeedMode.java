package io.tickwarden.feed.domain;

/** Where published data comes from right now. Never WEBSOCKET and REST_POLLING at once. */
public enum FeedMode {
    WEBSOCKET, REST_POLLING, NONE
}
