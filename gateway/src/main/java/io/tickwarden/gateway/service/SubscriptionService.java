package io.tickwarden.gateway.service;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.gateway.GatewayErrorCodes;
import io.tickwarden.contracts.gateway.GatewayMessages;
import io.tickwarden.gateway.config.GatewayConfig;
import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.SymbolFormat;
import io.tickwarden.gateway.domain.TickFrame;
import io.tickwarden.gateway.redis.DemandPublisher;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Subscribe and unsubscribe for one connection: validation (format, instrument list, per-connection limit, each
 * refused symbol with its reason), the fan-out index, reference-counted demand, and the snapshot of each newly
 * subscribed symbol, which is queued before any tick of that symbol; or, for a symbol subscribed with a position,
 * the replay of what the client missed ({@link Recovery}), falling back to the snapshot.
 */
@Singleton
public class SubscriptionService {

    private final SessionRegistry registry;
    private final InstrumentCatalog catalog;
    private final DemandPublisher demand;
    private final FanOut fanOut;
    private final StatusMessages messages;
    private final ReactiveRedisDataSource redis;
    private final int maxSymbols;
    private final CandleSubscriptions candles;
    private final Recovery recovery;

    SubscriptionService(
            SessionRegistry registry,
            InstrumentCatalog catalog,
            DemandPublisher demand,
            FanOut fanOut,
            StatusMessages messages,
            ReactiveRedisDataSource redis,
            GatewayConfig config,
            CandleSubscriptions candles,
            Recovery recovery) {
        this.recovery = recovery;
        this.candles = candles;
        this.registry = registry;
        this.catalog = catalog;
        this.demand = demand;
        this.fanOut = fanOut;
        this.messages = messages;
        this.redis = redis;
        this.maxSymbols = config.ws().maxSymbols();
    }

    public void subscribe(ClientSession session, List<String> requested, Mode mode) {
        subscribe(session, requested, mode, null);
    }

    /**
     * @param positions symbol to the client's position, or null: the newly subscribed symbols among them are
     *                  recovered by position ({@link Recovery}) and the answer carries {@code recovered}/{@code recovery}
     */
    public void subscribe(ClientSession session, List<String> requested, Mode mode, Map<String, Long> positions) {
        List<GatewayMessages.Rejection> rejected = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        boolean overLimit = false;
        GatewayMessages.Subscribed reply;
        synchronized (session) {
            if (session.isClosing()) {
                return;
            }
            Map<String, Mode> subs = session.subscriptions();
            int count = subs.size();
            for (String symbol : dedupe(requested)) {
                Optional<String> bad = SymbolFormat.problem(symbol);
                if (bad.isPresent()) {
                    rejected.add(new GatewayMessages.Rejection(
                            SymbolFormat.printable(symbol), GatewayErrorCodes.INVALID_SYMBOL, bad.get()));
                    continue;
                }
                Optional<InstrumentCatalog.Refusal> refusal = catalog.check(symbol);
                if (refusal.isPresent()) {
                    rejected.add(new GatewayMessages.Rejection(
                            symbol, refusal.get().reason(), refusal.get().message()));
                    continue;
                }
                Mode old = subs.get(symbol);
                if (old == null && count >= maxSymbols) {
                    overLimit = true;
                    rejected.add(new GatewayMessages.Rejection(
                            symbol,
                            GatewayErrorCodes.LIMIT_EXCEEDED,
                            "at most " + maxSymbols + " symbols per connection"));
                    continue;
                }
                accepted.add(symbol);
                if (old == mode) {
                    continue;
                }
                if (old == null) {
                    count++;
                }
                session.outbox().hold(symbol);
                subs.put(symbol, mode);
                registry.index(symbol, session);
                demand.add(symbol, mode);
                if (old != null) {
                    demand.remove(symbol, old);
                }
                fresh.add(symbol);
            }
            reply = new GatewayMessages.Subscribed(
                    GatewayMessages.Subscribed.TYPE, mode.wire(), accepted, rejected, subs.size());
            if (positions == null) {
                session.send(messages.writeWithoutNulls(reply));
            }
        }
        if (positions != null) {
            Map<String, Long> toRecover = new LinkedHashMap<>();
            for (String symbol : fresh) {
                Long position = positions.get(symbol);
                if (position != null) {
                    toRecover.put(symbol, position);
                }
            }
            boolean tooMany = overLimit;
            recovery.recover(toRecover, mode)
                    .subscribe()
                    .with(
                            results -> completeRecovery(session, reply, results, fresh, mode, tooMany),
                            e -> completeRecovery(session, reply, Map.of(), fresh, mode, tooMany));
            return;
        }
        if (overLimit) {
            session.send(messages.error(
                    GatewayErrorCodes.TOO_MANY_SYMBOLS,
                    "subscription limit of " + maxSymbols + " symbols per connection reached; unsubscribe first"));
        }
        if (!fresh.isEmpty()) {
            sendSnapshot(session, fresh, mode);
        }
    }

    /**
     * After the history read: {@code subscribed} with the recovery results, then per symbol either its replay (and
     * its held live ticks after it) or, like a plain subscribe, the snapshot.
     */
    private void completeRecovery(
            ClientSession session,
            GatewayMessages.Subscribed reply,
            Map<String, Recovery.Result> results,
            List<String> fresh,
            Mode mode,
            boolean overLimit) {
        List<GatewayMessages.Recovery> reports =
                results.values().stream().map(Recovery.Result::report).toList();
        boolean all = results.values().stream().allMatch(Recovery.Result::recovered);
        List<String> snapshot = new ArrayList<>();
        synchronized (session) {
            if (session.isClosing()) {
                return;
            }
            session.outbox()
                    .offerControl(messages.writeWithoutNulls(new GatewayMessages.Subscribed(
                            reply.type(),
                            reply.mode(),
                            reply.symbols(),
                            reply.rejected(),
                            reply.total_subscriptions(),
                            all,
                            reports)));
            for (String symbol : fresh) {
                Recovery.Result r = results.get(symbol);
                if (r != null && r.recovered() && session.subscriptions().get(symbol) == mode) {
                    session.outbox().releaseAfterReplay(r.replay(), symbol, r.lastSeq());
                } else {
                    snapshot.add(symbol);
                }
            }
        }
        if (overLimit) {
            session.send(messages.error(
                    GatewayErrorCodes.TOO_MANY_SYMBOLS,
                    "subscription limit of " + maxSymbols + " symbols per connection reached; unsubscribe first"));
        }
        session.outbox().flush();
        if (!snapshot.isEmpty()) {
            sendSnapshot(session, snapshot, mode);
        }
    }

    public void unsubscribe(ClientSession session, List<String> requested) {
        List<GatewayMessages.Rejection> rejected = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        synchronized (session) {
            if (session.isClosing()) {
                return;
            }
            for (String symbol : dedupe(requested)) {
                Mode old = session.subscriptions().remove(symbol);
                if (old == null) {
                    rejected.add(new GatewayMessages.Rejection(
                            SymbolFormat.printable(symbol),
                            GatewayErrorCodes.NOT_SUBSCRIBED,
                            "not subscribed on this connection"));
                    continue;
                }
                registry.unindex(symbol, session);
                session.outbox().forget(symbol);
                demand.remove(symbol, old);
                removed.add(symbol);
            }
            session.send(messages.write(new GatewayMessages.Unsubscribed(
                    GatewayMessages.Unsubscribed.TYPE,
                    removed,
                    rejected,
                    session.subscriptions().size())));
        }
    }

    /** Drops the session and releases its demand (candle subscriptions too); safe to call more than once. */
    public void disconnect(String sessionId) {
        ClientSession s = registry.get(sessionId);
        if (s == null) {
            return;
        }
        candles.disconnect(s);
        synchronized (s) {
            if (registry.remove(sessionId) == null) {
                return;
            }
            s.subscriptions().forEach(demand::remove);
            s.outbox().close();
        }
    }

    private void sendSnapshot(ClientSession session, List<String> symbols, Mode mode) {
        redis.hash(String.class)
                .hmget(FeedRedisNames.QUOTES_HASH, symbols.toArray(String[]::new))
                .onFailure()
                .recoverWithItem(e -> Map.of())
                .subscribe()
                .with(
                        stored -> completeSnapshot(session, symbols, mode, stored),
                        e -> completeSnapshot(session, symbols, mode, Map.of()));
    }

    private void completeSnapshot(ClientSession session, List<String> symbols, Mode mode, Map<String, String> stored) {
        List<String> quotes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, Long> seqs = new HashMap<>();
        for (String symbol : symbols) {
            TickFrame best = null;
            for (Optional<TickFrame> candidate : List.of(
                    fanOut.format().quote(stored == null ? null : stored.get(symbol)),
                    fanOut.latest(symbol),
                    Optional.ofNullable(session.outbox().newestHeld(symbol)))) {
                if (candidate.isPresent() && (best == null || candidate.get().seq() > best.seq())) {
                    best = candidate.get();
                }
            }
            if (best == null) {
                missing.add(symbol);
            } else {
                quotes.add(best.json(mode));
                seqs.put(symbol, best.seq());
            }
        }
        StringBuilder b = new StringBuilder(
                        64 + quotes.stream().mapToInt(String::length).sum())
                .append("{\"type\":\"snapshot\",\"mode\":\"")
                .append(mode.wire())
                .append("\",\"quotes\":[");
        b.append(String.join(",", quotes))
                .append("],\"missing\":")
                .append(messages.write(missing))
                .append('}');
        session.outbox().releaseAfterSnapshot(b.toString(), seqs, symbols);
        session.outbox().flush();
    }

    private static Set<String> dedupe(List<String> symbols) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : symbols) {
            out.add(s == null ? "" : s.trim());
        }
        return out;
    }
}
