package io.tickwarden.sim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.random.RandomGenerator;

/**
 * A random walk over every instrument of the catalog. {@link #step} is called by one thread (the tick timer);
 * readers (REST, the ticker) see immutable {@link QuoteSnapshot}s, so quotes and ticks always agree.
 * Every value stays below 2^31 because Kite's Java client reads signed ints.
 */
public final class MarketModel {

    private static final long INT_MAX = Integer.MAX_VALUE;

    private final InstrumentCatalog catalog;
    private final RandomGenerator random;
    private final AtomicReferenceArray<QuoteSnapshot> snapshots;

    public MarketModel(InstrumentCatalog catalog, RandomGenerator random, long nowEpochSeconds) {
        this.catalog = catalog;
        this.random = random;
        this.snapshots = new AtomicReferenceArray<>(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            snapshots.set(i, initial(catalog.get(i), nowEpochSeconds));
        }
    }

    public InstrumentCatalog catalog() {
        return catalog;
    }

    public QuoteSnapshot snapshot(int index) {
        return snapshots.get(index);
    }

    public Optional<QuoteSnapshot> byToken(long token) {
        return catalog.indexOf(token).map(snapshots::get);
    }

    /** Moves every instrument one step and returns the indices that changed (all of them, today). */
    public BitSet step(long nowEpochSeconds) {
        BitSet changed = new BitSet(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            snapshots.set(i, next(snapshots.get(i), nowEpochSeconds));
            changed.set(i);
        }
        return changed;
    }

    private QuoteSnapshot initial(Instrument in, long now) {
        long ref = in.referenceUnits();
        long tick = in.tickUnits();
        long close = roundToTick(ref * (1 + gaussian(0.004)), tick, in);
        long open = roundToTick(close * (1 + gaussian(0.004)), tick, in);
        long ltp = roundToTick(open * (1 + gaussian(0.003)), tick, in);
        long high = Math.max(
                Math.max(open, ltp), roundToTick(Math.max(open, ltp) * (1 + Math.abs(gaussian(0.003))), tick, in));
        long low = Math.min(
                Math.min(open, ltp), roundToTick(Math.min(open, ltp) * (1 - Math.abs(gaussian(0.003))), tick, in));
        boolean tradable = !in.isIndex();
        long volume = tradable ? 50_000 + random.nextInt(2_000_000) : 0;
        long oi = in.instrumentType().equals("EQ") ? 0 : 10_000 + random.nextInt(5_000_000);
        return build(
                in,
                0,
                ltp,
                tradable ? 1 + random.nextInt(200) : 0,
                ltp,
                volume,
                open,
                high,
                low,
                close,
                now,
                oi,
                oi,
                oi,
                now);
    }

    private QuoteSnapshot next(QuoteSnapshot s, long now) {
        Instrument in = s.instrument();
        long tick = in.tickUnits();
        // Steps of a few ticks, scaled so that pricier instruments move a similar fraction.
        long scale = Math.max(1, s.lastPrice() / (tick * 2000));
        long move = (random.nextInt(7) - 3) * tick * scale;
        long ltp = Math.min(INT_MAX / 2, Math.max(tick, s.lastPrice() + move));
        if (in.isIndex()) {
            return build(
                    in,
                    s.sequence() + 1,
                    ltp,
                    0,
                    0,
                    0,
                    s.open(),
                    Math.max(s.high(), ltp),
                    Math.min(s.low(), ltp),
                    s.close(),
                    s.lastTradeTime(),
                    0,
                    0,
                    0,
                    now);
        }
        int qty = (1 + random.nextInt(50)) * Math.max(1, in.lotSize());
        long volume = s.volume() + qty;
        if (volume > INT_MAX - 1_000_000) {
            volume = qty; // wrap long before the signed int limit; a sim day never gets here
        }
        long avg = volume == qty
                ? ltp
                : roundToTick((double) (s.averagePrice() * (volume - qty) + ltp * qty) / volume, 1, in);
        long oi = s.oi() == 0 ? 0 : Math.max(1, s.oi() + (random.nextInt(201) - 100) * in.lotSize());
        return build(
                in,
                s.sequence() + 1,
                ltp,
                qty,
                avg,
                volume,
                s.open(),
                Math.max(s.high(), ltp),
                Math.min(s.low(), ltp),
                s.close(),
                now,
                oi,
                Math.max(s.oiDayHigh(), oi),
                s.oiDayLow() == 0 ? oi : Math.min(s.oiDayLow(), oi),
                now);
    }

    private QuoteSnapshot build(
            Instrument in,
            long seq,
            long ltp,
            int qty,
            long avg,
            long volume,
            long open,
            long high,
            long low,
            long close,
            long lastTradeTime,
            long oi,
            long oiHigh,
            long oiLow,
            long exchangeTs) {
        List<DepthLevel> bids = new ArrayList<>(5);
        List<DepthLevel> asks = new ArrayList<>(5);
        long buyQty = 0;
        long sellQty = 0;
        for (int level = 0; level < 5; level++) {
            if (in.isIndex()) {
                bids.add(DepthLevel.EMPTY);
                asks.add(DepthLevel.EMPTY);
                continue;
            }
            long bidPrice = Math.max(in.tickUnits(), ltp - (long) level * in.tickUnits() - in.tickUnits());
            long askPrice = ltp + (long) level * in.tickUnits();
            int bidQty = (1 + random.nextInt(400)) * Math.max(1, in.lotSize());
            int askQty = (1 + random.nextInt(400)) * Math.max(1, in.lotSize());
            bids.add(new DepthLevel(bidQty, bidPrice, 1 + random.nextInt(20)));
            asks.add(new DepthLevel(askQty, askPrice, 1 + random.nextInt(20)));
            buyQty += bidQty * 40L;
            sellQty += askQty * 40L;
        }
        return new QuoteSnapshot(
                in,
                seq,
                ltp,
                qty,
                avg,
                volume,
                Math.min(buyQty, INT_MAX),
                Math.min(sellQty, INT_MAX),
                open,
                high,
                low,
                close,
                lastTradeTime,
                oi,
                oiHigh,
                oiLow,
                exchangeTs,
                List.copyOf(bids),
                List.copyOf(asks));
    }

    private double gaussian(double sigma) {
        return random.nextGaussian() * sigma;
    }

    private static long roundToTick(double units, long tick, Instrument in) {
        long rounded = Math.round(units / tick) * tick;
        return Math.max(tick, Math.min(rounded, INT_MAX / 2));
    }
}
