package io.tickwarden.feed.service;

import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.Backoff;
import io.tickwarden.feed.domain.MarketSegment;
import io.tickwarden.feed.domain.PoolAssignment;
import io.tickwarden.feed.domain.PoolRules;
import io.tickwarden.feed.domain.RetrySchedule;
import io.vertx.core.Future;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The upstream sockets: as many {@link UpstreamLink}s as the broker allows per api_key, and which one holds each
 * instrument ({@link PoolAssignment}: stable, first fit). Threading: {@link #plan} runs on the control loop only;
 * the assignment is a volatile immutable map for lock-free readers; each link guards itself.
 */
@Singleton
public class LinkPool {

    private static final Logger LOG = Logger.getLogger(LinkPool.class);

    private final List<UpstreamLink> links;
    private final int perSocket;
    private final InstrumentDirectory instruments;
    private volatile Map<Long, Integer> socketOf = Map.of();
    /** Control loop only: the plan the assignment was made for. */
    private Map<Long, TickMode> planned;

    LinkPool(
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
            FeedStatus status) {
        this.instruments = instruments;
        this.perSocket = broker.limits().instrumentsPerSocket();
        LinkShared shared = new LinkShared(
                config, clock, broker, authBlock, leadership, ticks, metrics, loop, subscriptions, instruments, status);
        List<UpstreamLink> list = new ArrayList<>();
        for (int i = 0; i < broker.limits().socketsPerKey(); i++) {
            list.add(new UpstreamLink(
                    i,
                    shared,
                    new RetrySchedule(new Backoff(
                            config.backoffInitial(),
                            config.backoffMax(),
                            () -> ThreadLocalRandom.current().nextDouble()))));
        }
        this.links = List.copyOf(list);
    }

    /** Spreads {@code wanted} (in priority order, already within capacity) over the sockets; null: not loaded yet. */
    void plan(Map<Long, TickMode> wanted) {
        if (wanted == null || wanted.equals(planned)) {
            return;
        }
        PoolAssignment.Result r = PoolAssignment.assign(socketOf, wanted.keySet(), links.size(), perSocket);
        List<Map<Long, TickMode>> slices = new ArrayList<>();
        List<Set<MarketSegment>> segments = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            slices.add(new LinkedHashMap<>());
            segments.add(new HashSet<>());
        }
        r.socketOf().forEach((token, socket) -> {
            slices.get(socket).put(token, wanted.get(token));
            segments.get(socket).add(instruments.segmentOf(token));
        });
        for (int i = 0; i < links.size(); i++) {
            links.get(i).want(slices.get(i), Set.copyOf(segments.get(i)));
        }
        if (!r.unplaced().isEmpty()) {
            LOG.warnf(
                    "%d instruments found no socket with room (pool of %d x %d)",
                    r.unplaced().size(), links.size(), perSocket);
        }
        socketOf = Map.copyOf(r.socketOf());
        planned = wanted;
    }

    List<UpstreamLink> links() {
        return links;
    }

    /** The socket index holding {@code token}, or -1. */
    public int socketOf(long token) {
        return socketOf.getOrDefault(token, -1);
    }

    /** Closes every socket; the future completes when every close was sent. */
    Future<Void> closeAll(String why) {
        List<Future<Void>> closes = new ArrayList<>();
        for (UpstreamLink l : links) {
            closes.add(l.close(why));
        }
        return Future.join(closes).mapEmpty();
    }

    /** Every socket IDLE with {@code why} (schedule closed, lease lost, auth not valid). */
    void idleAll(String why) {
        links.forEach(l -> l.idle(why));
    }

    void retryNow(Instant now) {
        links.forEach(l -> l.retryNow(now));
    }

    void forceReconnect() {
        links.forEach(UpstreamLink::forceReconnect);
    }

    void reportUnconfirmed(Instant now) {
        links.forEach(l -> l.reportUnconfirmed(now));
    }

    boolean anyConnected() {
        return links.stream().anyMatch(UpstreamLink::isConnected);
    }

    int connectedCount() {
        return (int) links.stream().filter(UpstreamLink::isConnected).count();
    }

    List<PoolRules.LinkStatus> statuses() {
        return links.stream()
                .map(l -> new PoolRules.LinkStatus(
                        l.index(),
                        l.status().state(),
                        l.status().mode(),
                        l.status().reason()))
                .toList();
    }

    /** Instruments held per segment across the pool (what the state view counts). */
    Map<MarketSegment, Integer> instrumentsBySegment() {
        Map<MarketSegment, Integer> out = new HashMap<>();
        for (UpstreamLink l : links) {
            for (Long token : l.subscriptions().desired().keySet()) {
                out.merge(instruments.segmentOf(token), 1, Integer::sum);
            }
        }
        return out;
    }
}
