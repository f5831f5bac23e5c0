package io.tickwarden.kitesim.ws;

import io.tickwarden.kitesim.config.SimConfig;
import io.tickwarden.kitesim.domain.TickMode;
import io.tickwarden.kitesim.service.FaultController;
import io.tickwarden.kitesim.service.FaultKind;
import io.tickwarden.kitesim.service.MarketService;
import io.tickwarden.kitesim.service.SendLog;
import io.tickwarden.kitesim.service.SimStats;
import io.tickwarden.sim.QuoteSnapshot;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every frame the ticker sends: each market step's changed instruments in each socket's modes, the state after a mode
 * change, heartbeats, and what the faults make of them ({@code silence}, {@code no_heartbeat}, {@code malformed},
 * {@code slow}). Runs on the event loop that owns the sockets.
 */
@Singleton
public class TickerOutbound {

    private static final byte[] HEARTBEAT = {0x00};

    private final Vertx vertx;
    private final SimConfig config;
    private final FaultController faults;
    private final SimStats stats;
    private final MarketService market;
    private final SendLog sendLog;
    private final TickerSockets sockets;
    private final AtomicInteger malformedKind = new AtomicInteger();

    TickerOutbound(
            Vertx vertx,
            SimConfig config,
            FaultController faults,
            SimStats stats,
            MarketService market,
            SendLog sendLog,
            TickerSockets sockets) {
        this.vertx = vertx;
        this.config = config;
        this.faults = faults;
        this.stats = stats;
        this.market = market;
        this.sendLog = sendLog;
        this.sockets = sockets;
    }

    /** Right after a mode change the sim sends the current state of those instruments in the new mode. */
    void sendNow(TickerSocket socket, List<Long> tokens) {
        if (tokens.isEmpty() || suppressTicks()) {
            return;
        }
        if (faults.isActive(FaultKind.MALFORMED)) {
            // The fault covers every frame of every connection, new ones included: a reconnecting client must not
            // get one clean snapshot that passes for recovered data.
            sendMalformed(socket, tokens.get(0));
            return;
        }
        List<QuoteSnapshot> snapshots = new ArrayList<>();
        List<TickMode> modes = new ArrayList<>();
        for (Long token : tokens) {
            TickMode mode = socket.subscriptions.get(token);
            market.model().byToken(token).ifPresent(s -> {
                if (mode != null) {
                    snapshots.add(s);
                    modes.add(mode);
                }
            });
        }
        sendTicks(socket, snapshots, modes);
    }

    /** The next of the {@code malformed} fault's corrupt frames, naming {@code token} where a frame has one. */
    private void sendMalformed(TickerSocket socket, long token) {
        send(socket, MalformedFrames.frame(malformedKind.getAndIncrement(), (int) token));
        stats.malformedFramesSent.increment();
    }

    void onMarketStep(BitSet changed) {
        if (sockets.isEmpty() || suppressTicks()) {
            return;
        }
        boolean malformed = faults.isActive(FaultKind.MALFORMED);
        for (TickerSocket socket : sockets.all()) {
            if (malformed) {
                sendMalformed(
                        socket,
                        socket.subscriptions.keySet().stream().findFirst().orElse(408065L));
                continue;
            }
            List<QuoteSnapshot> snapshots = new ArrayList<>();
            List<TickMode> modes = new ArrayList<>();
            socket.subscriptions.forEach((token, mode) -> market.model()
                    .catalog()
                    .indexOf(token)
                    .filter(changed::get)
                    .ifPresent(index -> {
                        snapshots.add(market.model().snapshot(index));
                        modes.add(mode);
                    }));
            sendTicks(socket, snapshots, modes);
        }
        sendLog.flush();
    }

    private void sendTicks(TickerSocket socket, List<QuoteSnapshot> snapshots, List<TickMode> modes) {
        if (snapshots.isEmpty()) {
            return;
        }
        if (send(socket, TickEncoder.frame(snapshots, modes))) {
            stats.ticksSent.add(snapshots.size());
            sendLog.record(snapshots, System.nanoTime());
        }
    }

    void heartbeat() {
        if (faults.isActive(FaultKind.NO_HEARTBEAT)) {
            return;
        }
        for (TickerSocket socket : sockets.all()) {
            if (send(socket, HEARTBEAT)) {
                stats.heartbeatsSent.increment();
            }
        }
    }

    /** {@code silence} stops ticks but keeps heartbeats; {@code no_heartbeat} stops every frame. */
    private boolean suppressTicks() {
        return faults.isActive(FaultKind.SILENCE) || faults.isActive(FaultKind.NO_HEARTBEAT);
    }

    private boolean send(TickerSocket socket, byte[] frame) {
        var slow = faults.current(FaultKind.SLOW);
        if (slow.isPresent()) {
            Duration delay = slow.get().slowDelay() != null ? slow.get().slowDelay() : config.slowFaultDelay();
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
                if (socket.sendBinary(frame)) {
                    stats.framesSent.increment();
                }
            });
            return true;
        }
        boolean sent = socket.sendBinary(frame);
        if (sent) {
            stats.framesSent.increment();
        }
        return sent;
    }
}
