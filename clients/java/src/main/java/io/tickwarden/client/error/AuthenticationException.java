package io.tickwarden.client.error;

/** HTTP 401 (or 403) at the upgrade: the API key is missing or wrong. Not retried: the same key fails again. */
public final class AuthenticationException extends TickwardenException {

    private final int status;

    public AuthenticationException(int status) {
        super(
                "the gateway refused the API key (HTTP " + status + " at the WebSocket upgrade); check the key the "
                        + "client is built with against the gateway's GATEWAY_API_KEYS; the client does not retry",
                -1,
                null);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
