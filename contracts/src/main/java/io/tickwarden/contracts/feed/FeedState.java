package io.tickwarden.contracts.feed;

/** The feed's states: {@code state} of {@code feed:state} and {@code from}/{@code to} of {@link FeedStateChanged}. */
public enum FeedState {
    IDLE,
    STANDBY,
    CONNECTING,
    CONNECTED,
    STALE,
    DISCONNECTED,
    AUTH_BLOCKED,
    ERROR
}
