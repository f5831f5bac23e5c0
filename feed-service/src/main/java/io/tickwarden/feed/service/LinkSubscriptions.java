package io.tickwarden.feed.service;

import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.feed.broker.BrokerSocket;
import io.tickwarden.feed.domain.MarketSegment;
import io.tickwarden.feed.domain.SubscriptionDiff;
import io.tickwarden.feed.domain.Tick;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One socket's subscriptions: what it should hold ({@code desired}, the pool's assignment) and the segments of
 * those instruments, what was sent on it, and which instruments data confirmed. Resubscribes everything on every
 * connect and sends diffs while open. Threading: no lock of its own; its owner ({@link UpstreamLink}) calls every
 * mutator under the link's lock. The maps are volatile immutable-by-convention values and {@code confirmed} a
 * concurrent set, so the read methods are lock-free.
 */
final class LinkSubscriptions {

    private static final Logger LOG = Logger.getLogger(UpstreamLink.class);

    private final SubscriptionSync sync;
    private final int batchSize;
    private final Duration reportAfter;
    private final String label;
    private volatile Map<Long, TickMode> sent = Map.of();
    private volatile Map<Long, TickMode> desired = Map.of();
    private volatile Set<MarketSegment> segments = Set.of();
    private final Set<Long> confirmed = ConcurrentHashMap.newKeySet();
    private Instant subscribedAt;
    private boolean unconfirmedReported;

    LinkSubscriptions(SubscriptionSync sync, int batchSize, Duration reportAfter, String label) {
        this.sync = sync;
        this.batchSize = batchSize;
        this.reportAfter = reportAfter;
        this.label = label;
    }

    void want(Map<Long, TickMode> wanted, Set<MarketSegment> wantedSegments) {
        desired = wanted;
        segments = wantedSegments;
    }

    /** A new socket: subscribe the whole desired set; returns how many. */
    int subscribeAll(BrokerSocket c, Instant now) {
        confirmed.clear();
        subscribedAt = now;
        unconfirmedReported = false;
        sent = new LinkedHashMap<>(desired);
        c.subscribe(sent, batchSize);
        return sent.size();
    }

    /** Brings the open socket {@code c} in line with what it should hold. */
    void apply(BrokerSocket c) {
        Map<Long, TickMode> wanted = desired;
        if (c == null || wanted.equals(sent)) {
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
        LOG.infof(
                "%s: subscriptions updated: +%d -%d (now %d)",
                label, diff.add().size(), diff.remove().size(), sent.size());
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
        if (unconfirmedReported
                || subscribedAt == null
                || Duration.between(subscribedAt, now).compareTo(reportAfter) < 0) {
            return;
        }
        unconfirmedReported = true;
        List<String> missing = unconfirmed();
        if (!missing.isEmpty()) {
            LOG.warnf(
                    "%s: %d subscribed instruments sent no data within %d s: %s",
                    label,
                    missing.size(),
                    reportAfter.toSeconds(),
                    missing.size() > 50 ? missing.subList(0, 50) + " ..." : missing);
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

    Map<Long, TickMode> desired() {
        return desired;
    }

    Set<MarketSegment> segments() {
        return segments;
    }

    /** What the socket holds while open, else what it would subscribe. */
    Map<Long, TickMode> held(boolean open) {
        return open ? sent : desired;
    }

    Set<Long> confirmed() {
        return confirmed;
    }
}
