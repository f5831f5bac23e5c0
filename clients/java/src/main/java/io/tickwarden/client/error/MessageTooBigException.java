package io.tickwarden.client.error;

import io.tickwarden.contracts.gateway.GatewayCloseCodes;

/**
 * Close 1009: a request was larger than the gateway accepts ({@code GATEWAY_WS_MAX_MESSAGE_BYTES}). Not retried:
 * the reconnect would send the same request. The client splits its own subscribes, so this means the gateway's
 * limit is set lower than the default 16 KiB.
 */
public final class MessageTooBigException extends TickwardenException {

    public MessageTooBigException(String reason) {
        super(
                "the gateway closed the connection: a request was too big (" + reason + "); raise the gateway's "
                        + "GATEWAY_WS_MAX_MESSAGE_BYTES or subscribe fewer symbols per call; the client does not retry",
                GatewayCloseCodes.MESSAGE_TOO_BIG,
                null);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
