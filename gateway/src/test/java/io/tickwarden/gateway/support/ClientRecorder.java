package io.tickwarden.gateway.support;

import io.tickwarden.client.Snapshot;
import io.tickwarden.client.TickwardenListener;
import io.tickwarden.client.error.GatewayErrorException;
import io.tickwarden.client.error.TickwardenException;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.gateway.GatewayMessages;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TickwardenListener} for tests of the Java client: records everything it is given, in order, and can hold
 * the client's thread in {@link #onTick} (a stalled application) until {@link #release()}.
 */
public final class ClientRecorder implements TickwardenListener {

    public record Received(FeedTick tick, boolean recovered) {}

    /** @param ticksBefore how many ticks (and snapshots) had been delivered when the connection ended */
    public record Disconnect(TickwardenException cause, boolean reconnecting, int ticksBefore, int snapshotsBefore) {}

    public final List<Received> ticks = new CopyOnWriteArrayList<>();
    public final List<Snapshot> snapshots = new CopyOnWriteArrayList<>();
    public final List<GatewayMessages.Recovery> recoveries = new CopyOnWriteArrayList<>();
    public final List<GatewayMessages.Subscribed> subscribed = new CopyOnWriteArrayList<>();
    public final List<GatewayMessages.ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
    public final List<Boolean> connects = new CopyOnWriteArrayList<>();
    /** The gateway endpoint of each connection, in the order of {@link #connects}. */
    public final List<URI> gateways = new CopyOnWriteArrayList<>();
    /** {@link System#nanoTime()} at each tick's delivery, in the order of {@link #ticks} (for gap figures). */
    public final List<Long> arrivals = new CopyOnWriteArrayList<>();

    public final List<Disconnect> disconnects = new CopyOnWriteArrayList<>();
    public final List<GatewayErrorException> errors = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate;
    private volatile boolean held;

    /** The next tick holds the client's thread until {@link #release()} (at most two minutes, so no test hangs). */
    public void holdNextTick() {
        held = false;
        gate = new CountDownLatch(1);
    }

    /** Whether a tick is being held. */
    public boolean holding() {
        return held;
    }

    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** The client's positions when {@code d} happened: the highest seq of each symbol in ticks and snapshots. */
    public Map<String, Long> positionsAt(Disconnect d) {
        Map<String, Long> out = new HashMap<>();
        // Copies first: a subList view of a list still being appended to throws ConcurrentModificationException.
        List.copyOf(snapshots)
                .subList(0, d.snapshotsBefore())
                .forEach(s -> s.quotes().forEach(q -> out.merge(q.symbol(), q.seq(), Math::max)));
        List.copyOf(ticks)
                .subList(0, d.ticksBefore())
                .forEach(r -> out.merge(r.tick().symbol(), r.tick().seq(), Math::max));
        return out;
    }

    /** The ticks delivered from index {@code from} on, copied: the client's thread may still be appending. */
    public List<Received> ticksFrom(int from) {
        List<Received> all = List.copyOf(ticks);
        return all.subList(Math.min(from, all.size()), all.size());
    }

    public List<FeedTick> ticksOf(String symbol) {
        return ticks.stream()
                .map(Received::tick)
                .filter(t -> symbol.equals(t.symbol()))
                .toList();
    }

    @Override
    public void onTick(FeedTick tick, boolean recovered) {
        arrivals.add(System.nanoTime());
        ticks.add(new Received(tick, recovered));
        CountDownLatch g = gate;
        if (g != null) {
            held = true;
            try {
                g.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held = false;
        }
    }

    @Override
    public void onSnapshot(Snapshot snapshot) {
        snapshots.add(snapshot);
    }

    @Override
    public void onStatus(GatewayMessages.ConnectionStatus status) {
        statuses.add(status);
    }

    @Override
    public void onSubscribed(GatewayMessages.Subscribed s) {
        subscribed.add(s);
    }

    @Override
    public void onRecovery(GatewayMessages.Recovery recovery) {
        recoveries.add(recovery);
    }

    @Override
    public void onConnected(URI gateway, boolean reconnected) {
        gateways.add(gateway);
        connects.add(reconnected);
    }

    @Override
    public void onDisconnected(TickwardenException cause, boolean reconnecting) {
        disconnects.add(new Disconnect(cause, reconnecting, ticks.size(), snapshots.size()));
    }

    @Override
    public void onError(GatewayErrorException error) {
        errors.add(error);
    }
}
