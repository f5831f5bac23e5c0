package io.tickwarden.client.error;

import java.util.OptionalInt;

/**
 * Why a connection ended or could not be made, or what the gateway refused; the message says what to do. One
 * subclass per way things fail, so an application can switch on the type. {@link #retryable()} is whether the
 * client reconnects by itself after it.
 */
public abstract sealed class TickwardenException extends RuntimeException
        permits AuthenticationException,
                RejectedException,
                SlowConsumerException,
                FloodException,
                MessageTooBigException,
                ConnectionLostException,
                GatewayErrorException {

    private final int closeCode;

    protected TickwardenException(String message, int closeCode, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode;
    }

    /** Whether the client reconnects (after a backoff) when this ends a connection. */
    public abstract boolean retryable();

    /** The WebSocket close code the gateway sent, when it sent one. */
    public OptionalInt closeCode() {
        return closeCode < 0 ? OptionalInt.empty() : OptionalInt.of(closeCode);
    }
}
