package io.tickwarden.client.error;

/**
 * The gateway's {@code error} message: it refused one request ({@code code} is one of
 * {@code io.tickwarden.contracts.gateway.GatewayErrorCodes}). The connection stays open; fix the request.
 */
public final class GatewayErrorException extends TickwardenException {

    private final String code;

    public GatewayErrorException(String code, String message) {
        super("the gateway refused a request: " + code + ": " + message + " (the connection stays open)", -1, null);
        this.code = code;
    }

    /** The error code, e.g. {@code too_many_symbols}. */
    public String code() {
        return code;
    }

    /** Not a close: the connection is still open. */
    @Override
    public boolean retryable() {
        return false;
    }
}
