package io.tickwarden.session.domain;

/** An exchange or segment we do not model; the message lists the known ones. */
public class UnknownMarketException extends IllegalArgumentException {
    public UnknownMarketException(String message) {
        super(message);
    }
}
