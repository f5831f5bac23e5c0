package io.tickwarden.client.error;

/**
 * The connection ended or could not be made for a passing reason: the gateway going away (1001, a restart or
 * rollout), an internal error (1011), a dropped socket, a refused or timed-out connect, an HTTP 5xx at the upgrade.
 * Retried with backoff; on reconnect the client recovers by position.
 */
public final class ConnectionLostException extends TickwardenException {

    public ConnectionLostException(String what, int closeCode, Throwable cause) {
        super(
                "connection to the gateway lost (" + what + "); reconnecting with backoff and recovering by position",
                closeCode,
                cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
