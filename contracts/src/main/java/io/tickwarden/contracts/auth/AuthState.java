package io.tickwarden.contracts.auth;

/** The token's state as every service sees it: {@code state} of {@code auth:state}, {@code from}/{@code to} of {@link AuthStateChanged}. */
public enum AuthState {
    /** A token is stored and the broker accepted it at the last check. */
    VALID,
    /** A token is stored but dead: past 06:00 IST or refused by the broker. A human must log in. */
    EXPIRED,
    /** No usable token at all (first start, logout, unreadable token). A human must log in. */
    REQUIRED,
    /** A new token has been granted and is being installed; VALID follows within milliseconds. */
    REFRESHING;

    public boolean requiresLogin() {
        return this == EXPIRED || this == REQUIRED;
    }
}
