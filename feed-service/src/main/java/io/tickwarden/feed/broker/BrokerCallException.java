package io.tickwarden.feed.broker;

/**
 * A failed broker REST call. {@code tokenRejected}: the broker refused the token (Kite: TokenException, 403); the
 * message never holds the token.
 */
public final class BrokerCallException extends Exception {

    private final int code;
    private final boolean tokenRejected;

    public BrokerCallException(int code, boolean tokenRejected, String message) {
        super(message);
        this.code = code;
        this.tokenRejected = tokenRejected;
    }

    public int code() {
        return code;
    }

    public boolean tokenRejected() {
        return tokenRejected;
    }
}
