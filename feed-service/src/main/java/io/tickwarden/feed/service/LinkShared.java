package io.tickwarden.feed.service;

import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.config.FeedConfig;
import java.time.Clock;

/** What every {@link UpstreamLink} of the pool shares: configuration, the broker, and the parts it reports to. */
record LinkShared(
        FeedConfig config,
        Clock clock,
        Broker broker,
        AuthBlock authBlock,
        Leadership leadership,
        TickProcessor ticks,
        FeedMetrics metrics,
        ControlLoop loop,
        SubscriptionSync subscriptions,
        InstrumentDirectory instruments,
        FeedStatus status) {}
