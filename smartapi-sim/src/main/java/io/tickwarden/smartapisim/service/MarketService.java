package io.tickwarden.smartapisim.service;

import io.quarkus.runtime.Startup;
import io.tickwarden.sim.InstrumentCatalog;
import io.tickwarden.sim.MarketModel;
import io.tickwarden.sim.SimClock;
import io.tickwarden.smartapisim.config.SimConfig;
import io.tickwarden.smartapisim.domain.AngelCatalog;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Owns the shared market model (the same universe and walk as kite-sim) and its Angel names, and drives it: one timer
 * steps every instrument at {@code ticks_per_second} and tells the listeners (the stream) what changed. Quotes and
 * packets both read the model's immutable snapshots, so they agree at any instant.
 */
@Startup
@Singleton
public class MarketService {

    private static final Logger LOG = Logger.getLogger(MarketService.class);

    private final Vertx vertx;
    private final SimClock clock;
    private final MarketModel model;
    private final AngelCatalog angel;
    private final List<Consumer<BitSet>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong steps = new AtomicLong();
    private volatile double ticksPerSecond;
    private long timerId = -1;

    MarketService(Vertx vertx, SimClock clock, SimConfig config) {
        this.vertx = vertx;
        this.clock = clock;
        InstrumentCatalog catalog = InstrumentCatalog.build(clock.todayIst(), config.optionStrikesPerSide());
        Random random = config.seed().map(Random::new).orElseGet(Random::new);
        this.model = new MarketModel(catalog, random, clock.now().getEpochSecond());
        this.angel = AngelCatalog.of(catalog);
        LOG.infof(
                "smartapi-sim market: %d instruments, %.2f ticks/s per instrument",
                catalog.size(), config.ticksPerSecond());
        setRate(config.ticksPerSecond());
    }

    public MarketModel model() {
        return model;
    }

    public AngelCatalog angel() {
        return angel;
    }

    public double ticksPerSecond() {
        return ticksPerSecond;
    }

    /** Market steps since start: a test waits for a few to prove that nothing was sent meanwhile. */
    public long steps() {
        return steps.get();
    }

    public void onStep(Consumer<BitSet> listener) {
        listeners.add(listener);
    }

    /** Ticks per second per instrument; 0 freezes the market (quotes and packets then repeat the same values). */
    public synchronized void setRate(double perSecond) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        ticksPerSecond = perSecond;
        if (perSecond <= 0) {
            return;
        }
        long periodMs = Math.max(1, Math.round(1000.0 / perSecond));
        // Vert.x timer, not @Scheduled: the rate changes at run time (the /sim API), and each step writes to the
        // stream sockets, which belong to the event loop.
        timerId = vertx.setPeriodic(periodMs, id -> step());
    }

    private void step() {
        try {
            BitSet changed = model.step(clock.now().getEpochSecond());
            for (Consumer<BitSet> listener : listeners) {
                listener.accept(changed);
            }
            steps.incrementAndGet();
        } catch (RuntimeException e) {
            LOG.error("market step failed; the next step will try again", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }
}
