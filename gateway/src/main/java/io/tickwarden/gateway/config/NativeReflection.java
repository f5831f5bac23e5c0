package io.tickwarden.gateway.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tickwarden.contracts.auth.AuthReport;
import io.tickwarden.contracts.auth.AuthStateChanged;
import io.tickwarden.contracts.auth.AuthStateView;
import io.tickwarden.contracts.auth.StoredAccessToken;
import io.tickwarden.contracts.feed.DemandChanged;
import io.tickwarden.contracts.feed.FeedCandle;
import io.tickwarden.contracts.feed.FeedDemand;
import io.tickwarden.contracts.feed.FeedStateChanged;
import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.feed.FeedTickBatch;
import io.tickwarden.contracts.gateway.GatewayMessages;
import io.tickwarden.contracts.gateway.SystemHealthView;
import io.tickwarden.contracts.session.MarketSessionSnapshot;
import io.tickwarden.contracts.session.OverrideChangedEvent;
import io.tickwarden.contracts.session.PhaseChangedEvent;

/**
 * Types that Jackson reads or writes where Quarkus cannot see them, registered for reflection so that a native
 * image can (de)serialise them: Quarkus registers the types in REST method signatures only, not the Redis payloads
 * written and read with an {@code ObjectMapper} nor a {@code Response}'s entity. Every contracts type is listed,
 * whether this service uses it today or not, so that NativeReflectionTest can demand the complete set.
 * <p>No own types: the gateway writes its other JSON from maps and trees.
 */
@RegisterForReflection(targets = {
        // contracts: every record and enum (NativeReflectionTest fails when one is missing)
        AuthReport.class, AuthStateChanged.class, AuthStateView.class, StoredAccessToken.class,
        DemandChanged.class, FeedCandle.class, FeedDemand.class, FeedStateChanged.class, FeedStateView.class,
        FeedTick.class, FeedTick.Depth.class, FeedTick.DepthLevel.class, FeedTick.Ohlc.class, FeedTickBatch.class,
        GatewayMessages.ClientRequest.class, GatewayMessages.ConnectionHealth.class,
        GatewayMessages.ConnectionStatus.class, GatewayMessages.Error.class, GatewayMessages.Heartbeat.class,
        GatewayMessages.Pong.class, GatewayMessages.Rejection.class, GatewayMessages.Subscribed.class,
        GatewayMessages.Unsubscribed.class, SystemHealthView.class,
        MarketSessionSnapshot.class, OverrideChangedEvent.class, PhaseChangedEvent.class
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
