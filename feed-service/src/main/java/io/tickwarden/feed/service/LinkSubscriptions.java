package io.tickwarden.feed.service;

import io.tickwarden.feed.domain.SubscriptionDiff;
import io.tickwarden.feed.domain.Tick;
import io.tickwarden.feed.domain.TickMode;
import io.tickwarden.feed.upstream.TickerConnection;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One socket's subscriptions: what it should hold ({@code desired}), what was sent on it, and which instruments
 * data confirmed. Resubscribes everything on every connect and sends diffs while open. Threading: not a bean and
 * has no lock of its own; its owner ({@link UpstreamLink}) calls every mutator under the link's lock. {@code sent}
 * and {@code desired} are volatile immutable-by-convention maps and {@code confirmed} a concurrent set, so the
 * read methods are lock-free.
 */
final class LinkSubscriptions {

    private static final Logger LOG = Logger.getLogger(UpstreamLink.class);

    private final SubscriptionSync sync;
    private final int batchSize;
    private final Duration reportAfter;
    private volatile Map<Long, TickMode> sent = Map.of();
    private volatile Map<Long, TickMode> desired = Map.of();
    private final Set<Long> confirmed = ConcurrentHashMap.newKeySet();
    private Instant subscribedAt;
    private boolean unconfirmedReported;

    LinkSubscriptions(SubscriptionSync sync, int batchSize, Duration reportAfter) {
        this.sync = sync;
        this.batchSize = batchSize;
        this.reportAfter = reportAfter;
    }

    void want(Map<Long, TickMode> wanted) {
        desired = wanted;
    }

    /** A new socket: subscribe the whole desired set; returns how many. */
    int subscribeAll(TickerConnection c, Instant now) {
        confirmed.clear();
        subscribedAt = now;
        unconfirmedReported = false;
        sent = new LinkedHashMap<>(desired);
        c.subscribe(sent, batchSize);
        return sent.size();
    }

    /** Brings the open socket {@code c} (null: none) in line with the current plan. */
    void apply(TickerConnection c) {
        Map<Long, TickMode> wanted = sync.resolveIfLoaded();
        if (wanted == null) {
            return;
        }
        desired = wanted;
        if (wanted.equals(sent) || c == null) {
            return;
        }
        SubscriptionDiff diff = SubscriptionDiff.between(sent, wanted);
        if (!diff.remove().isEmpty()) {
            c.unsubscribe(diff.remove(), batchSize);
            diff.remove().forEach(confirmed::remove);
        }
        if (!diff.add().isEmpty()) {
            c.subscribe(diff.add(), batchSize);
        }
        sent = new LinkedHashMap<>(wanted);
        LOG.infof("subscriptions updated: +%d -%d (now %d)", diff.add().size(), diff.remove().size(), sent.size());
    }

    void confirm(List<Tick> ticks) {
        for (Tick t : ticks) {
            confirmed.add(t.instrumentToken());
        }
    }

    void clearConfirmed() {
        confirmed.clear();
    }

    /** Once per connect, {@code feed.unconfirmed-report-after} after subscribing: logs the still silent symbols. */
    void reportUnconfirmedIfDue(Instant now) {
        if (unconfirmedReported || subscribedAt == null || Duration.between(subscribedAt, now).compareTo(reportAfter) < 0) {
            return;
        }
        unconfirmedReported = true;
        List<String> missing = unconfirmed();
        if (!missing.isEmpty()) {
            LOG.warnf("%d subscribed instruments sent no data within %d s: %s", missing.size(),
                    reportAfter.toSeconds(), missing);
        }
    }

    List<String> unconfirmed() {
        List<String> out = new ArrayList<>();
        for (Long token : sent.keySet()) {
            if (!confirmed.contains(token)) {
                out.add(sync.symbolOf(token));
            }
        }
        return out;
    }

    boolean anyDesired() {
        return !desired.isEmpty();
    }

    int requested() {
        return desired.size();
    }

    Map<Long, TickMode> held(boolean open) {
        return new LinkedHashMap<>(open ? sent : desired);
    }

    Set<Long> confirmed() {
        return confirmed;
    }
}
