package io.tickwarden.contracts.feed;

/** Where the feed's published data comes from right now ({@code mode} of {@code feed:state}). Never two at once. */
public enum FeedMode {
    WEBSOCKET,
    REST_POLLING,
    NONE
}
