package io.tickwarden.gateway.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The gateway's Prometheus metrics (names in docs/gateway.md). Also the {@link Outbox.Listener} of every session.
 */
@Singleton
public class GatewayMetrics implements Outbox.Listener {

    private final Clock clock;
    private final Counter deliveries;
    private final Counter frames;
    private final Counter bytes;
    private final Counter coalesced;
    private final Counter dropped;
    private final Counter slowCloses;
    private final Counter floodCloses;
    private final Counter tooBigCloses;
    private final Counter rejectedUpgrades;
    private final Counter ticksIn;
    private final Counter ticksStale;
    private final Counter badTickMessages;
    private final Counter ticksStaleEpoch;
    private final Counter clientErrors;
    private final Timer lag;
    private final MeterRegistry registry;
    private final Counter replayed;
    private final Counter gapFilled;
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> gapFills =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> recoveries =
            new java.util.concurrent.ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry, SessionRegistry sessions, Clock clock) {
        this.clock = clock;
        this.registry = registry;
        gapFilled = Counter.builder("gateway.gap.filled")
                .description("missed live ticks filled from the history")
                .register(registry);
        replayed = Counter.builder("gateway.recovery.replayed")
                .description("ticks replayed to clients recovering by position")
                .register(registry);
        deliveries = Counter.builder("gateway.ws.deliveries")
                .description("ticks written to client sockets")
                .register(registry);
        frames = Counter.builder("gateway.ws.frames")
                .description("tick/ticks frames written")
                .register(registry);
        bytes = Counter.builder("gateway.ws.bytes")
                .description("bytes of all frames written")
                .register(registry);
        coalesced = Counter.builder("gateway.ws.coalesced")
                .description("pending ticks replaced by a newer one")
                .register(registry);
        dropped = Counter.builder("gateway.ws.dropped")
                .description("updates refused by a full queue")
                .register(registry);
        slowCloses = Counter.builder("gateway.ws.closes")
                .tag("reason", "slow_consumer")
                .register(registry);
        floodCloses =
                Counter.builder("gateway.ws.closes").tag("reason", "flood").register(registry);
        tooBigCloses = Counter.builder("gateway.ws.closes")
                .tag("reason", "message_too_big")
                .register(registry);
        rejectedUpgrades = Counter.builder("gateway.ws.rejected.upgrades")
                .description("upgrades refused with 401")
                .register(registry);
        ticksIn = Counter.builder("gateway.ticks.received")
                .description("ticks read from feed.ticks")
                .register(registry);
        ticksStale = Counter.builder("gateway.ticks.out.of.order")
                .description("ticks not newer than the last one of their instrument")
                .register(registry);
        ticksStaleEpoch = Counter.builder("gateway.stale.epoch.ticks")
                .description("ticks of an older feed leader epoch than the newest seen (a replaced leader's), dropped")
                .register(registry);
        badTickMessages = Counter.builder("gateway.ticks.unreadable")
                .description("feed.ticks messages that could not be parsed")
                .register(registry);
        clientErrors = Counter.builder("gateway.ws.client.errors")
                .description("error messages sent for bad input")
                .register(registry);
        lag = Timer.builder("gateway.tick.lag")
                .description("from feed-service publishing a tick to its write on a client socket")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram(false)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        Gauge.builder("gateway.ws.connections", sessions, SessionRegistry::size)
                .strongReference(true)
                .register(registry);
        Gauge.builder("gateway.ws.subscriptions", sessions, SessionRegistry::subscriptionCount)
                .strongReference(true)
                .register(registry);
        Gauge.builder("gateway.ws.instruments", sessions, SessionRegistry::indexedSymbols)
                .strongReference(true)
                .register(registry);
        Gauge.builder("gateway.ws.queue.depth", sessions, GatewayMetrics::queueDepth)
                .description("pending entries over all connections")
                .strongReference(true)
                .register(registry);
        Gauge.builder("gateway.ws.queue.depth.max", sessions, GatewayMetrics::maxQueueDepth)
                .description("largest pending entries of one connection")
                .strongReference(true)
                .register(registry);
        Gauge.builder("gateway.ws.inflight.bytes", sessions, GatewayMetrics::inflightBytes)
                .description("bytes handed to sockets and not yet written")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void written(int ticks, int size, long oldestPublishedMillis) {
        bytes.increment(size);
        if (ticks > 0) {
            deliveries.increment(ticks);
            frames.increment();
            if (oldestPublishedMillis > 0) {
                lag.record(Duration.ofMillis(Math.max(0, clock.millis() - oldestPublishedMillis)));
            }
        }
    }

    @Override
    public void coalesced() {
        coalesced.increment();
    }

    @Override
    public void dropped() {
        dropped.increment();
    }

    /** A symbol recovered by position, with the ticks replayed for it. */
    public void recovered(int ticks) {
        recovery("recovered", "none").increment();
        replayed.increment(ticks);
    }

    /** A symbol subscribed with a position that was not recovered ({@code GatewayRecoveryReasons}). */
    public void recoveryFailed(String reason) {
        recovery("failed", reason).increment();
    }

    /** A hole in the live ticks filled from the history ({@link GapFill}): result and ticks filled. */
    public void gapFill(String result, int ticks) {
        gapFills.computeIfAbsent(
                        result,
                        r -> Counter.builder("gateway.gap.fills")
                                .description("holes in the live tick stream filled from the history, by result")
                                .tag("result", r)
                                .register(registry))
                .increment();
        gapFilled.increment(ticks);
    }

    public double gapFills(String result) {
        Counter c = gapFills.get(result);
        return c == null ? 0 : c.count();
    }

    public double recoveries(String result, String reason) {
        return recovery(result, reason).count();
    }

    private Counter recovery(String result, String reason) {
        return recoveries.computeIfAbsent(
                result + "|" + reason,
                k -> Counter.builder("gateway.recoveries")
                        .description("symbols subscribed with a position, by result and reason")
                        .tag("result", result)
                        .tag("reason", reason)
                        .register(registry));
    }

    public void slowClose() {
        slowCloses.increment();
    }

    public void floodClose() {
        floodCloses.increment();
    }

    public void tooBigClose() {
        tooBigCloses.increment();
    }

    public void rejectedUpgrade() {
        rejectedUpgrades.increment();
    }

    public void ticksIn(int n) {
        ticksIn.increment(n);
    }

    public void tickOutOfOrder() {
        ticksStale.increment();
    }

    public void staleEpochTick() {
        ticksStaleEpoch.increment();
    }

    public void badTickMessage() {
        badTickMessages.increment();
    }

    public void clientError() {
        clientErrors.increment();
    }

    public double slowCloses() {
        return slowCloses.count();
    }

    public double floodCloses() {
        return floodCloses.count();
    }

    public double deliveries() {
        return deliveries.count();
    }

    public double coalescedCount() {
        return coalesced.count();
    }

    static double queueDepth(SessionRegistry r) {
        long n = 0;
        for (ClientSession s : r.all()) {
            Outbox.Depth d = s.outbox().depth();
            n += d.pendingTicks() + d.pendingControl();
        }
        return n;
    }

    static double maxQueueDepth(SessionRegistry r) {
        long max = 0;
        for (ClientSession s : r.all()) {
            Outbox.Depth d = s.outbox().depth();
            max = Math.max(max, d.pendingTicks() + d.pendingControl());
        }
        return max;
    }

    static double inflightBytes(SessionRegistry r) {
        long n = 0;
        for (ClientSession s : r.all()) {
            n += s.outbox().depth().inflightBytes();
        }
        return n;
    }
}
