package io.tickwarden.feed.domain;

/** The contract's feed states. */
public enum FeedState {
    IDLE, STANDBY, CONNECTING, CONNECTED, STALE, DISCONNECTED, AUTH_BLOCKED, ERROR
}
