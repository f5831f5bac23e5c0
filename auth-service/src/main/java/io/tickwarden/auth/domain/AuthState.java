package io.tickwarden.auth.domain;

/** The token's state as every other service sees it (contract: {@code state} of {@code auth:state}). */
public enum AuthState {
    /** A token is stored and Kite accepted it at the last check. */
    VALID,
    /** A token is stored but dead: past 06:00 IST or refused by Kite. A human must log in. */
    EXPIRED,
    /** No usable token at all (first start, logout, unreadable token). A human must log in. */
    REQUIRED,
    /** A new token has been granted and is being installed; VALID follows within milliseconds. */
    REFRESHING;

    public boolean requiresLogin() {
        return this == EXPIRED || this == REQUIRED;
    }
}
