package io.tickwarden.client;

import io.tickwarden.client.error.GatewayErrorException;
import io.tickwarden.client.error.TickwardenException;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.gateway.GatewayMessages;
import java.net.URI;

/**
 * What the client delivers. Every method runs on the client's one thread, in the order the gateway sent things, and
 * the client reads the next message only after the method returned: a listener that takes long slows the
 * connection (with {@link Delivery#ALL} the gateway may then close it with 4008, and the client recovers). A method
 * that throws is logged and the client carries on.
 */
public interface TickwardenListener {

    /**
     * One tick. {@code recovered}: replayed from the gateway's history after a reconnect (the ticks missed while
     * disconnected, in order, before the live ones); false for live ticks.
     */
    void onTick(FeedTick tick, boolean recovered);

    /** Latest quotes of newly subscribed symbols; after a reconnect, of symbols that could not be recovered: reload. */
    default void onSnapshot(Snapshot snapshot) {}

    /** The gateway's {@code connection_status}: first on every connection, then on every feed, auth or market change. */
    default void onStatus(GatewayMessages.ConnectionStatus status) {}

    /** The answer to a subscribe: accepted symbols and rejections (rejected symbols are dropped from the client). */
    default void onSubscribed(GatewayMessages.Subscribed subscribed) {}

    /**
     * After a reconnect, for each symbol that had a position: recovered (with the number of ticks replayed, which
     * follow as recovered ticks) or not (with the reason, e.g. {@code TOO_OLD}; a snapshot follows: reload).
     * Delivered before the symbol's replayed ticks or snapshot.
     */
    default void onRecovery(GatewayMessages.Recovery recovery) {}

    /** A connection opened and the subscriptions were sent; {@code reconnected}: not the first connection. */
    default void onConnected(boolean reconnected) {}

    /**
     * A connection to {@code gateway} (the WebSocket endpoint, one of the builder's URIs) opened and the
     * subscriptions were sent; with several gateways, a reconnect may be to another one than before. By default it
     * calls {@link #onConnected(boolean)}: override one of the two.
     */
    default void onConnected(URI gateway, boolean reconnected) {
        onConnected(reconnected);
    }

    /**
     * A connection ended or could not be made. {@code reconnecting}: the client will try again after a backoff
     * (with positions); false: it stopped for good (e.g. {@link io.tickwarden.client.error.AuthenticationException}).
     */
    default void onDisconnected(TickwardenException cause, boolean reconnecting) {}

    /** The gateway refused one request; the connection stays open. */
    default void onError(GatewayErrorException error) {}
}
