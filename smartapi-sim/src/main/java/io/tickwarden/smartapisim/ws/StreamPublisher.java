package io.tickwarden.smartapisim.ws;

import io.quarkus.runtime.StartupEvent;
import io.tickwarden.sim.QuoteSnapshot;
import io.tickwarden.smartapisim.config.SimConfig;
import io.tickwarden.smartapisim.domain.AngelInstrument;
import io.tickwarden.smartapisim.service.FaultController;
import io.tickwarden.smartapisim.service.FaultKind;
import io.tickwarden.smartapisim.service.MarketService;
import io.tickwarden.smartapisim.service.SimStats;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the stream sends: a packet per subscription on every market step that moved its instrument, the
 * current state right after a subscribe, and {@code pong}s; under the faults, nothing ({@code silence}), corrupt
 * packets ({@code malformed}) or everything late ({@code slow}).
 */
@Singleton
public class StreamPublisher {

    private final Vertx vertx;
    private final SimConfig config;
    private final FaultController faults;
    private final SimStats stats;
    private final MarketService market;
    private final StreamSockets sockets;
    private final AtomicInteger malformedKind = new AtomicInteger();

    StreamPublisher(
            Vertx vertx,
            SimConfig config,
            FaultController faults,
            SimStats stats,
            MarketService market,
            StreamSockets sockets) {
        this.vertx = vertx;
        this.config = config;
        this.faults = faults;
        this.stats = stats;
        this.market = market;
        this.sockets = sockets;
    }

    void start(@Observes StartupEvent event) {
        market.onStep(this::onMarketStep);
    }

    /** The current state of subscriptions just made, one packet each. */
    void sendNow(StreamSocket socket, Map<StreamSocket.Subscription, AngelInstrument> added) {
        if (added.isEmpty() || faults.isActive(FaultKind.SILENCE)) {
            return;
        }
        if (faults.isActive(FaultKind.MALFORMED)) {
            sendMalformed(socket, added.keySet().iterator().next().token());
            return;
        }
        added.forEach((sub, in) -> sendPacket(socket, sub, in, market.model().snapshot(in.catalogIndex())));
    }

    void pong(StreamSocket socket) {
        later(() -> {
            if (socket.sendText("pong")) {
                stats.pongsSent.increment();
            }
        });
    }

    private void onMarketStep(BitSet changed) {
        if (sockets.isEmpty() || faults.isActive(FaultKind.SILENCE)) {
            return;
        }
        boolean malformed = faults.isActive(FaultKind.MALFORMED);
        for (StreamSocket socket : sockets.all()) {
            if (socket.subscriptions.isEmpty()) {
                continue; // nothing is sent while nothing is subscribed
            }
            if (malformed) {
                sendMalformed(
                        socket, socket.subscriptions.keySet().iterator().next().token());
                continue;
            }
            socket.subscriptions.forEach((sub, in) -> {
                if (changed.get(in.catalogIndex())) {
                    sendPacket(socket, sub, in, market.model().snapshot(in.catalogIndex()));
                }
            });
        }
    }

    private void sendPacket(StreamSocket socket, StreamSocket.Subscription sub, AngelInstrument in, QuoteSnapshot s) {
        byte[] packet = PacketEncoder.encode(sub.mode(), in, s);
        later(() -> {
            if (socket.sendBinary(packet)) {
                stats.packetsSent.increment();
            }
        });
    }

    private void sendMalformed(StreamSocket socket, String token) {
        byte[] packet = MalformedPackets.packet(malformedKind.getAndIncrement(), token);
        later(() -> {
            if (socket.sendBinary(packet)) {
                stats.malformedPacketsSent.increment();
            }
        });
    }

    /** Now, or after the {@code slow} fault's delay. */
    private void later(Runnable send) {
        var slow = faults.current(FaultKind.SLOW);
        if (slow.isEmpty()) {
            send.run();
            return;
        }
        Duration delay = slow.get().slowDelay() != null ? slow.get().slowDelay() : config.slowFaultDelay();
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> send.run());
    }
}
