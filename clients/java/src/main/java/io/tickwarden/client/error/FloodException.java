package io.tickwarden.client.error;

import io.tickwarden.contracts.gateway.GatewayCloseCodes;

/**
 * Close 4029: the application sent more requests than the gateway's per-connection rate limit. Retried after the
 * backoff (the limit refills). Subscribe many symbols per call rather than one per call.
 */
public final class FloodException extends TickwardenException {

    public FloodException(String reason) {
        super(
                "the gateway closed the connection for flooding (" + reason + "); reconnecting; send fewer requests: "
                        + "subscribe many symbols per call rather than one per call",
                GatewayCloseCodes.FLOOD,
                null);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
