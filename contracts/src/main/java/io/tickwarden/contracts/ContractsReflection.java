package io.tickwarden.contracts;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tickwarden.contracts.auth.AngelSessionCredential;
import io.tickwarden.contracts.auth.AuthReport;
import io.tickwarden.contracts.auth.AuthState;
import io.tickwarden.contracts.auth.AuthStateChanged;
import io.tickwarden.contracts.auth.AuthStateView;
import io.tickwarden.contracts.auth.StoredAccessToken;
import io.tickwarden.contracts.feed.DemandChanged;
import io.tickwarden.contracts.feed.FeedCandle;
import io.tickwarden.contracts.feed.FeedCandleUpdates;
import io.tickwarden.contracts.feed.FeedDemand;
import io.tickwarden.contracts.feed.FeedMode;
import io.tickwarden.contracts.feed.FeedSegmentView;
import io.tickwarden.contracts.feed.FeedSocketView;
import io.tickwarden.contracts.feed.FeedState;
import io.tickwarden.contracts.feed.FeedStateChanged;
import io.tickwarden.contracts.feed.FeedStateView;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.feed.FeedTickBatch;
import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.contracts.gateway.GatewayMessages;
import io.tickwarden.contracts.gateway.SystemHealthView;
import io.tickwarden.contracts.session.MarketPhase;
import io.tickwarden.contracts.session.MarketSessionSnapshot;
import io.tickwarden.contracts.session.OverrideChangedEvent;
import io.tickwarden.contracts.session.PhaseChangedEvent;

/**
 * Every record and enum of the contracts (the shared enums are written as their names), registered for reflection once for every service: the payloads that cross
 * Redis are written and read with a plain {@code ObjectMapper}, which in a native image only works for registered
 * types, and Quarkus registers the types of REST method signatures only. Quarkus sees this class because the jar
 * has a {@code META-INF/beans.xml}. {@code ContractsReflectionTest} fails when a record or enum is missing here.
 */
@RegisterForReflection(
        targets = {
            AngelSessionCredential.class,
            AuthReport.class,
            AuthState.class,
            AuthStateChanged.class,
            AuthStateView.class,
            StoredAccessToken.class,
            DemandChanged.class,
            FeedCandle.class,
            FeedCandleUpdates.class,
            FeedCandleUpdates.Update.class,
            FeedDemand.class,
            FeedMode.class,
            FeedState.class,
            FeedStateChanged.class,
            FeedStateView.class,
            FeedSegmentView.class,
            FeedSocketView.class,
            FeedTick.class,
            FeedTick.Depth.class,
            FeedTick.DepthLevel.class,
            FeedTick.Ohlc.class,
            FeedTickBatch.class,
            TickMode.class,
            GatewayMessages.ClientRequest.class,
            GatewayMessages.ConnectionHealth.class,
            GatewayMessages.ConnectionStatus.class,
            GatewayMessages.Candle.class,
            GatewayMessages.CandleUpdate.class,
            GatewayMessages.CandlesSubscribed.class,
            GatewayMessages.CandlesUnsubscribed.class,
            GatewayMessages.Error.class,
            GatewayMessages.Heartbeat.class,
            GatewayMessages.Pong.class,
            GatewayMessages.Recovery.class,
            GatewayMessages.Rejection.class,
            GatewayMessages.SegmentStatus.class,
            GatewayMessages.Subscribed.class,
            GatewayMessages.Unsubscribed.class,
            SystemHealthView.class,
            MarketPhase.class,
            MarketSessionSnapshot.class,
            OverrideChangedEvent.class,
            PhaseChangedEvent.class
        })
public final class ContractsReflection {

    private ContractsReflection() {}
}
