package io.tickwarden.feed.service;

import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.feed.FeedTickBatch;
import io.tickwarden.feed.broker.BrokerQuote;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.DepthLevel;
import io.tickwarden.feed.domain.Ist;
import io.tickwarden.feed.domain.Tick;
import io.tickwarden.feed.redis.FeedPublisher;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns decoded ticks (WebSocket) and broker quotes (REST fallback) into the published {@link FeedTick} format: symbol,
 * per-instrument sequence number, source, IST times. One upstream frame or one poll becomes one or more batches
 * on {@code feed.ticks} (at most {@code feed.ticks-message-max-ticks} ticks each, in frame order, so the gateway
 * starts fanning out before a 3000-tick frame is fully serialised and no single Redis message is huge); the latest
 * quotes and the candles are updated from the same ticks. A WebSocket frame is published part by part as it is
 * decoded ({@link #publishWsPart}), so its first part leaves before its last one is decoded.
 */
@Singleton
public class TickProcessor {

    private final FeedPublisher publisher;
    private final InstrumentDirectory instruments;
    private final SequenceNumbers sequence;
    private final CandleService candles;
    private final FeedMetrics metrics;
    private final Leadership leadership;
    private final int maxTicksPerMessage;
    private final AtomicLong published = new AtomicLong();
    private volatile Instant lastPublishedAt;

    TickProcessor(
            FeedPublisher publisher,
            InstrumentDirectory instruments,
            SequenceNumbers sequence,
            CandleService candles,
            FeedMetrics metrics,
            Leadership leadership,
            FeedConfig config) {
        if (config.ticksMessageMaxTicks() < 1) {
            throw new IllegalStateException(
                    "FEED_TICKS_MESSAGE_MAX_TICKS must be at least 1, got " + config.ticksMessageMaxTicks());
        }
        this.maxTicksPerMessage = config.ticksMessageMaxTicks();
        this.publisher = publisher;
        this.instruments = instruments;
        this.sequence = sequence;
        this.candles = candles;
        this.metrics = metrics;
        this.leadership = leadership;
    }

    /**
     * The publish path's fence: every batch (WebSocket part or REST poll) asks {@link Leadership#mayPublish()}
     * before it takes sequence numbers or touches candles, quotes, history or {@code feed.ticks}; frames a frozen
     * leader finds buffered in its sockets after a resume are dropped here and counted.
     */
    private boolean mayPublish(int ticks) {
        if (leadership.mayPublish()) {
            return true;
        }
        metrics.fencedTicks("no_valid_lease", ticks);
        return false;
    }

    /**
     * One part of an upstream frame, published as soon as it is decoded ({@code TickDecoder.decodeInParts} with
     * {@link #maxTicksPerMessage()}): its ticks become one {@code feed.ticks} message carrying the frame's
     * {@code part}/{@code parts}, and their latest quotes and candles are updated. Call it for the parts of a frame in
     * order: the publisher keeps that order, and the gateway flushes its clients when the last part arrives.
     */
    public void publishWsPart(List<Tick> ticks, Instant receivedAt, int part, int parts) {
        if (ticks.isEmpty() || !mayPublish(ticks.size())) {
            return;
        }
        List<FeedTick> out = feedTicks(ticks, receivedAt);
        publisher.ticks(List.of(new FeedTickBatch(
                FeedTickBatch.TYPE, "ws", sequence.epoch(), Ist.format(receivedAt), out.size(), part, parts, out)));
        published.addAndGet(out.size());
        lastPublishedAt = receivedAt;
        metrics.ticks("ws", out.size());
    }

    /** The largest part {@link #publishWsPart} should be given: {@code feed.ticks-message-max-ticks}. */
    public int maxTicksPerMessage() {
        return maxTicksPerMessage;
    }

    private List<FeedTick> feedTicks(List<Tick> ticks, Instant receivedAt) {
        String at = Ist.format(receivedAt);
        List<FeedTick> out = new ArrayList<>(ticks.size());
        for (Tick t : ticks) {
            var ref = instruments.byToken(t.instrumentToken());
            String symbol = ref.map(InstrumentDirectory.Ref::symbol).orElse(null);
            String exchange = ref.map(InstrumentDirectory.Ref::exchange).orElse(null);
            out.add(feedTick(t, symbol, exchange, "ws", at));
            candles.add(
                    symbol,
                    t.exchangeTimestamp() != null ? t.exchangeTimestamp() : receivedAt,
                    t.lastPrice(),
                    t.volume());
        }
        return out;
    }

    /** REST quotes (the fallback), keyed by the symbol they were asked by; published as full-mode ticks. */
    public void publishRest(List<BrokerQuote> quotes, Instant receivedAt) {
        if (quotes.isEmpty() || !mayPublish(quotes.size())) {
            return;
        }
        String at = Ist.format(receivedAt);
        List<FeedTick> out = new ArrayList<>(quotes.size());
        for (BrokerQuote q : quotes) {
            String symbol = q.symbol();
            String exchange = symbol.contains(":") ? symbol.substring(0, symbol.indexOf(':')) : null;
            Tick t = q.tick();
            out.add(feedTick(t, symbol, exchange, "rest", at));
            candles.add(
                    symbol,
                    t.exchangeTimestamp() != null ? t.exchangeTimestamp() : receivedAt,
                    t.lastPrice(),
                    t.volume());
        }
        emit("rest", out, receivedAt);
    }

    private FeedTick feedTick(Tick t, String symbol, String exchange, String source, String at) {
        FeedTick.Ohlc ohlc = t.open() == null ? null : new FeedTick.Ohlc(t.open(), t.high(), t.low(), t.close());
        FeedTick.Depth depth = t.bids() == null ? null : new FeedTick.Depth(levels(t.bids()), levels(t.asks()));
        return new FeedTick(
                t.instrumentToken(),
                symbol,
                exchange,
                t.mode(),
                sequence.next(t.instrumentToken()),
                source,
                t.tradable(),
                t.lastPrice(),
                asLong(t.lastQuantity()),
                t.averagePrice(),
                t.volume(),
                asLong(t.buyQuantity()),
                asLong(t.sellQuantity()),
                ohlc,
                t.change(),
                Ist.format(t.lastTradeTime()),
                asLong(t.oi()),
                asLong(t.oiDayHigh()),
                asLong(t.oiDayLow()),
                Ist.format(t.exchangeTimestamp()),
                depth,
                at);
    }

    public long published() {
        return published.get();
    }

    public Instant lastPublishedAt() {
        return lastPublishedAt;
    }

    private void emit(String source, List<FeedTick> out, Instant at) {
        if (out.isEmpty()) {
            return;
        }
        publisher.ticks(batches(source, sequence.epoch(), Ist.format(at), out, maxTicksPerMessage));
        published.addAndGet(out.size());
        lastPublishedAt = at;
        metrics.ticks(source, out.size());
    }

    /**
     * Splits one frame's (or poll's) ticks into {@code feed.ticks} messages of at most {@code maxTicks} ticks,
     * keeping their order: concatenated, the messages hold exactly {@code ticks}, so per-instrument sequence numbers
     * still only rise when the messages are published in list order. Every message has the frame's source, epoch
     * and time, {@code count} = its own number of ticks (the same batch format as an unsplit frame), and
     * {@code part}/{@code parts} so a reader can tell the frame's last message.
     */
    static List<FeedTickBatch> batches(String source, long epoch, String at, List<FeedTick> ticks, int maxTicks) {
        if (maxTicks < 1) {
            throw new IllegalArgumentException("maxTicks must be at least 1, got " + maxTicks);
        }
        int parts = Math.max(1, (ticks.size() + maxTicks - 1) / maxTicks);
        List<FeedTickBatch> out = new ArrayList<>(parts);
        for (int from = 0; from < ticks.size(); from += maxTicks) {
            List<FeedTick> part = List.copyOf(ticks.subList(from, Math.min(ticks.size(), from + maxTicks)));
            out.add(new FeedTickBatch(FeedTickBatch.TYPE, source, epoch, at, part.size(), out.size(), parts, part));
        }
        return out;
    }

    private static List<FeedTick.DepthLevel> levels(List<DepthLevel> levels) {
        List<FeedTick.DepthLevel> out = new ArrayList<>(levels.size());
        for (DepthLevel d : levels) {
            out.add(new FeedTick.DepthLevel(d.price(), d.quantity(), d.orders()));
        }
        return out;
    }

    private static Long asLong(Double value) {
        return value == null ? null : value.longValue();
    }
}
