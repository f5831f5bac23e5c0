package io.tickwarden.client.wire;

import io.tickwarden.client.Snapshot;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.gateway.GatewayMessages;
import java.util.List;

/** A decoded server message, one record per kind the client acts on. */
public sealed interface Inbound {

    /** {@code tick} (one) or {@code ticks} (a batch); {@code recovered}: replayed from history after a reconnect. */
    record Ticks(List<FeedTick> ticks, boolean recovered) implements Inbound {}

    record SnapshotMessage(Snapshot snapshot) implements Inbound {}

    record Status(GatewayMessages.ConnectionStatus status) implements Inbound {}

    record Subscribed(GatewayMessages.Subscribed subscribed) implements Inbound {}

    record Unsubscribed(GatewayMessages.Unsubscribed unsubscribed) implements Inbound {}

    record Error(GatewayMessages.Error error) implements Inbound {}

    /** Heartbeat, pong, candles and any type this client does not know: ignored. */
    record Other(String type) implements Inbound {}
}
