package io.tickwarden.auth.config;

/** Which broker's session auth-service keeps ({@code auth.broker}, env {@code BROKER}). */
public enum Broker {
    /** Zerodha Kite: a human logs in through the browser every day (Zerodha forbids automating it). */
    KITE("Kite"),
    /** Angel One SmartAPI: auth-service logs in by itself with the client code, PIN and TOTP secret. */
    ANGEL("Angel One");

    private final String displayName;

    Broker(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
