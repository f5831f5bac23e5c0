package io.tickwarden.client.error;

import io.tickwarden.contracts.gateway.GatewayCloseCodes;

/**
 * Close 4008: this client read too slowly and the gateway dropped it (with {@code delivery=all}, its queue of
 * undelivered ticks overflowed). Retried: the client reconnects with its positions and the gateway replays what was
 * missed (or sends a snapshot where it cannot). If it recurs, make the listener faster (hand work to another
 * thread) or use {@code delivery=latest}.
 */
public final class SlowConsumerException extends TickwardenException {

    public SlowConsumerException(String reason) {
        super(
                "the gateway closed the connection because this client read too slowly (" + reason + "); reconnecting "
                        + "with positions to recover the missed ticks; if it recurs, return from the listener sooner or use "
                        + "delivery=latest",
                GatewayCloseCodes.SLOW_CONSUMER,
                null);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
