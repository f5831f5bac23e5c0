package io.tickwarden.feed.service;

import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.MarketSegment;
import io.tickwarden.feed.domain.SegmentClock;
import io.tickwarden.feed.domain.SubscriptionPlan;
import io.tickwarden.feed.redis.DemandStore;
import io.tickwarden.feed.redis.UpstreamSnapshots;
import io.tickwarden.feed.redis.UpstreamSnapshots.AuthSnapshot;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the rules read from Redis: the auth snapshot, every segment's session snapshot and the subscription plan (watchlist plus gateway
 * demand), re-read every {@code feed.snapshot-refresh} and at once after a channel message marked them dirty.
 * Threading: {@link #refresh} runs on the control loop only; the snapshots are volatile immutable values for
 * every other reader, and the dirty flag is a volatile signal any thread may raise.
 */
@Singleton
public class FeedInputs {

    private final FeedConfig config;
    private final UpstreamSnapshots snapshots;
    private final DemandStore demandStore;
    private final List<String> watchlist;
    private final TickMode watchlistMode;
    private volatile AuthSnapshot auth;
    private volatile SegmentClock clock;
    private final MarketSegment home;
    private volatile SubscriptionPlan plan = SubscriptionPlan.of(List.of(), TickMode.QUOTE, List.of());
    private volatile boolean dirty = true;
    /** Control loop only. */
    private Instant readAt = Instant.EPOCH;

    FeedInputs(FeedConfig config, UpstreamSnapshots snapshots, DemandStore demandStore) {
        this.config = config;
        this.snapshots = snapshots;
        this.demandStore = demandStore;
        this.watchlist = config.watchlist().orElse(List.of()).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        this.home = MarketSegment.defaultOf(config.exchange())
                .orElseThrow(() -> new IllegalStateException("FEED_EXCHANGE must be one of "
                        + MarketSegment.ALL.stream()
                                .map(MarketSegment::exchange)
                                .distinct()
                                .toList() + ", got " + config.exchange()));
        this.clock = new SegmentClock(config.schedule(), config.preOpenLead(), java.util.Map.of(), home);
        this.watchlistMode = TickMode.fromWire(config.mode())
                .orElseThrow(
                        () -> new IllegalStateException("FEED_MODE must be ltp, quote or full, got " + config.mode()));
    }

    /** Re-reads the inputs when due; returns the error to show when Redis did not answer (kept dirty then). */
    String refresh(Instant now) {
        if (!dirty && Duration.between(readAt, now).compareTo(config.snapshotRefresh()) < 0) {
            return null;
        }
        dirty = false;
        readAt = now;
        try {
            auth = snapshots.auth().orElse(null);
            clock = new SegmentClock(config.schedule(), config.preOpenLead(), snapshots.sessions(), home);
            plan = SubscriptionPlan.of(watchlist, watchlistMode, demandStore.read());
            return null;
        } catch (RuntimeException e) {
            dirty = true;
            return "Redis unavailable: " + e.getClass().getSimpleName();
        }
    }

    public void markDirty() {
        dirty = true;
    }

    public AuthSnapshot auth() {
        return auth;
    }

    /** Every segment's phase as last read, with the schedule applied. */
    public SegmentClock clock() {
        return clock;
    }

    /** The home segment's phase (the view's {@code market_phase}). */
    public String phase() {
        return clock.phase(home).phase();
    }

    public SubscriptionPlan plan() {
        return plan;
    }

    public List<String> watchlist() {
        return watchlist;
    }

    public TickMode watchlistMode() {
        return watchlistMode;
    }
}
