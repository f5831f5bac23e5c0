package io.tickwarden.gateway.domain;

/** The one status a user sees first, in priority order. */
public enum PriorityStatus {
    AUTH_REQUIRED,
    FEED_DISCONNECTED,
    MARKET_SESSION
}
