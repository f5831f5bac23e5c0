package io.tickwarden.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.gateway.domain.LeaderEpochs;
import io.tickwarden.gateway.domain.TickFormat;
import io.tickwarden.gateway.domain.TickFrame;
import jakarta.inject.Singleton;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Multiplies {@code feed.ticks} to the connections: for each tick, only the sessions in the symbol's index entry
 * are touched, each tick is rendered once per mode (shared by all its receivers), and each touched session is
 * flushed once per upstream frame: feed-service splits a large frame into parts, and the sessions touched by the
 * early parts are flushed with the last one, so a client gets one message per frame and not one per part (the
 * parts arrive back to back; flushing per part multiplied the WebSocket messages and cost CPU and tail latency at
 * 1000+ clients, measured in docs/performance.md). Should a frame's last part never come, its ticks go out with
 * the next frame. Ticks not newer than the last one of their instrument (duplicates after a leader change) are
 * dropped, so per-instrument sequence numbers only rise. A hole in an instrument's sequence numbers (ticks published
 * while this gateway was re-subscribing) is filled from the feed's history before the instrument's next ticks go
 * out ({@link GapFill}). Ticks of an older leader epoch than the newest seen on any instrument are dropped
 * ({@link LeaderEpochs}): a replaced leader that resumed must not reach clients, not even for instruments the new
 * leader has not ticked yet.
 */
@Singleton
public class FanOut {

    private static final Logger LOG = Logger.getLogger(FanOut.class);

    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final TickFormat format;
    private final Map<String, TickFrame> latest = new ConcurrentHashMap<>();
    private volatile boolean badLogged;
    private volatile long lastTicksAtNanos;
    /** Sessions with ticks offered since the last flush (the parts of the current upstream frame so far). */
    private final Set<ClientSession> touched = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private volatile boolean ticksSeen;

    private final GapFill gaps;
    private final LeaderEpochs epochs = new LeaderEpochs();
    /** The last stale epoch logged (once per epoch; the subscriber's thread only). */
    private long staleLoggedEpoch = -1;

    FanOut(SessionRegistry sessions, GatewayMetrics metrics, ObjectMapper json, GapFill gaps) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.format = new TickFormat(json);
        this.gaps = gaps;
    }

    public TickFormat format() {
        return format;
    }

    /** One {@code feed.ticks} message. Runs on the Redis subscriber's thread; never blocks. */
    public void onMessage(String message) {
        List<TickFrame> frames;
        boolean lastPart;
        try {
            TickFormat.Batch batch = format.parse(message);
            frames = batch.frames();
            lastPart = batch.lastPart();
        } catch (JsonProcessingException | RuntimeException e) {
            metrics.badTickMessage();
            if (!badLogged) {
                badLogged = true;
                LOG.warnf("unreadable feed.ticks message ignored (logged once): %s", e.getMessage());
            }
            return;
        }
        metrics.ticksIn(frames.size());
        if (!frames.isEmpty()) {
            lastTicksAtNanos = System.nanoTime();
            ticksSeen = true;
        }
        List<ClientSession> toFlush;
        synchronized (touched) {
            for (TickFrame frame : frames) {
                if (staleEpoch(frame)) {
                    continue;
                }
                long previous = accept(frame);
                if (previous < 0) {
                    metrics.tickOutOfOrder();
                    continue;
                }
                if (gaps.holding(frame.symbol())) {
                    gaps.hold(frame);
                    continue;
                }
                if (gaps.start(frame, previous, format, this::filled)) {
                    continue;
                }
                offer(frame, touched);
            }
            if (!lastPart) {
                return;
            }
            toFlush = List.copyOf(touched);
            touched.clear();
        }
        for (ClientSession s : toFlush) {
            s.outbox().flush();
        }
    }

    private boolean staleEpoch(TickFrame frame) {
        if (epochs.admit(frame.seq()) != LeaderEpochs.Verdict.STALE) {
            return false;
        }
        metrics.staleEpochTick();
        long epoch = LeaderEpochs.epochOf(frame.seq());
        if (epoch != staleLoggedEpoch) {
            staleLoggedEpoch = epoch;
            LOG.warnf(
                    "ticks of feed leader epoch %d dropped: epoch %d is newer (a replaced leader published after"
                            + " it was fenced); counted in gateway_stale_epoch_ticks_total, logged once per epoch",
                    epoch, epochs.newest());
        }
        return true;
    }

    private void offer(TickFrame frame, Set<ClientSession> to) {
        for (ClientSession s : sessions.subscribers(frame.symbol())) {
            s.outbox().offerTick(frame);
            to.add(s);
        }
    }

    /** A hole's missing ticks were read ({@link GapFill}): they go out first, then the ticks held meanwhile. */
    private void filled(String symbol, List<TickFrame> missing) {
        Set<ClientSession> toFlush = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        synchronized (touched) {
            for (TickFrame frame : missing) {
                offer(frame, toFlush);
            }
            for (TickFrame frame : gaps.release(symbol)) {
                offer(frame, toFlush);
            }
        }
        for (ClientSession s : toFlush) {
            s.outbox().flush();
        }
    }

    /**
     * Keeps the newest frame per instrument; returns the seq of the one it replaces (0 when none), or -1 when the
     * frame is not newer.
     */
    private long accept(TickFrame frame) {
        long[] previous = {-1};
        latest.compute(frame.symbol(), (k, old) -> {
            if (old == null || frame.seq() > old.seq() || frame.seq() == 0) {
                previous[0] = old == null || frame.seq() == 0 ? 0 : old.seq();
                return frame;
            }
            return old;
        });
        return previous[0];
    }

    /**
     * Seconds since this gateway last read a tick on {@code feed.ticks}, or empty before the first: the end-to-end
     * data age as the clients see it, independent of what feed-service says about itself.
     */
    public Optional<Double> secondsSinceLastTick() {
        if (!ticksSeen) {
            return Optional.empty();
        }
        return Optional.of(Math.round((System.nanoTime() - lastTicksAtNanos) / 1e7) / 100.0);
    }

    /** The newest tick seen on the channel for a symbol, if any (used for snapshots). */
    public Optional<TickFrame> latest(String symbol) {
        return Optional.ofNullable(latest.get(symbol));
    }
}
