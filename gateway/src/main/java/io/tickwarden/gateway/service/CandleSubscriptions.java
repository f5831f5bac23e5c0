package io.tickwarden.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tickwarden.contracts.feed.FeedCandle;
import io.tickwarden.contracts.feed.FeedCandleUpdates;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.gateway.GatewayErrorCodes;
import io.tickwarden.contracts.gateway.GatewayMessages;
import io.tickwarden.gateway.domain.CandleAggregation;
import io.tickwarden.gateway.domain.CandleInterval;
import io.tickwarden.gateway.domain.DayCandles;
import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.SymbolFormat;
import io.tickwarden.gateway.redis.DemandPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Live candle subscriptions ({@code subscribe_candles}): the feed's changed 1-minute candles arrive once a second on
 * {@code feed.candles}; for each subscribed symbol the gateway keeps the day's minutes ({@link DayCandles}, loaded
 * from {@code feed:candles:<symbol>:<day>} on the first subscription) and pushes the forming candle of every
 * subscribed interval on change, and the finished one with {@code closed: true} when a later one begins. A candle
 * subscription also demands the symbol (quote mode, for volume), so the feed builds its candles.
 */
@Singleton
public class CandleSubscriptions {

    /** Per connection: charts watch a handful of symbols. */
    public static final int MAX_PER_CONNECTION = 50;

    private static final Logger LOG = Logger.getLogger(CandleSubscriptions.class);

    private record Key(String symbol, CandleInterval interval) {}

    private final Map<String, Set<Key>> bySession = new ConcurrentHashMap<>();
    private final Map<String, DayCandles<ClientSession>> bySymbol = new ConcurrentHashMap<>();
    private final InstrumentCatalog catalog;
    private final DemandPublisher demand;
    private final StatusMessages messages;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final Clock clock;

    CandleSubscriptions(
            InstrumentCatalog catalog,
            DemandPublisher demand,
            StatusMessages messages,
            ReactiveRedisDataSource redis,
            ObjectMapper json,
            Clock clock) {
        this.catalog = catalog;
        this.demand = demand;
        this.messages = messages;
        this.redis = redis;
        this.json = json;
        this.clock = clock;
    }

    public void subscribe(ClientSession session, List<String> requested, CandleInterval interval) {
        List<GatewayMessages.Rejection> rejected = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        List<DayCandles<ClientSession>> toLoad = new ArrayList<>();
        Set<Key> mine;
        synchronized (session) {
            if (session.isClosing()) {
                return;
            }
            mine = bySession.computeIfAbsent(session.id(), id -> ConcurrentHashMap.newKeySet());
            for (String symbol : dedupe(requested)) {
                var bad = SymbolFormat.problem(symbol);
                if (bad.isPresent()) {
                    rejected.add(new GatewayMessages.Rejection(
                            SymbolFormat.printable(symbol), GatewayErrorCodes.INVALID_SYMBOL, bad.get()));
                    continue;
                }
                var refusal = catalog.check(symbol);
                if (refusal.isPresent()) {
                    rejected.add(new GatewayMessages.Rejection(
                            symbol, refusal.get().reason(), refusal.get().message()));
                    continue;
                }
                Key key = new Key(symbol, interval);
                if (!mine.contains(key) && mine.size() >= MAX_PER_CONNECTION) {
                    rejected.add(new GatewayMessages.Rejection(
                            symbol,
                            GatewayErrorCodes.LIMIT_EXCEEDED,
                            "at most " + MAX_PER_CONNECTION + " candle subscriptions per connection"));
                    continue;
                }
                accepted.add(symbol);
                if (mine.add(key)) {
                    demand.add(symbol, Mode.QUOTE);
                    DayCandles<ClientSession> day = bySymbol.computeIfAbsent(symbol, s -> new DayCandles<>(s, today()));
                    if (day.watch(session, interval)) {
                        toLoad.add(day);
                    }
                }
            }
            session.send(messages.write(new GatewayMessages.CandlesSubscribed(
                    GatewayMessages.CandlesSubscribed.TYPE, interval.label(), accepted, rejected, mine.size())));
        }
        for (String symbol : accepted) {
            DayCandles<ClientSession> day = bySymbol.get(symbol);
            if (day != null && !toLoad.contains(day)) {
                day.forming(interval).ifPresent(c -> push(session, symbol, interval, false, c));
            }
        }
        toLoad.forEach(this::load);
    }

    public void unsubscribe(ClientSession session, List<String> requested, CandleInterval interval) {
        List<GatewayMessages.Rejection> rejected = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        synchronized (session) {
            Set<Key> mine = bySession.getOrDefault(session.id(), Set.of());
            for (String symbol : dedupe(requested)) {
                if (!release(session, new Key(symbol, interval), mine)) {
                    rejected.add(new GatewayMessages.Rejection(
                            SymbolFormat.printable(symbol),
                            GatewayErrorCodes.NOT_SUBSCRIBED,
                            "no " + interval.label() + " candle subscription on this connection"));
                    continue;
                }
                removed.add(symbol);
            }
            session.send(messages.write(new GatewayMessages.CandlesUnsubscribed(
                    GatewayMessages.CandlesUnsubscribed.TYPE, interval.label(), removed, rejected, mine.size())));
        }
    }

    /** Drops every candle subscription of a closed connection; safe to call more than once. */
    public void disconnect(ClientSession session) {
        Set<Key> mine = bySession.remove(session.id());
        if (mine != null) {
            for (Key key : Set.copyOf(mine)) {
                release(session, key, mine);
            }
        }
    }

    /** A {@code feed.candles} message. */
    public void onMessage(String message) {
        if (bySymbol.isEmpty()) {
            return;
        }
        FeedCandleUpdates updates;
        try {
            updates = json.readValue(message, FeedCandleUpdates.class);
        } catch (Exception e) {
            LOG.warnf("unreadable %s message skipped: %s", FeedRedisNames.CANDLES_CHANNEL, e.getMessage());
            return;
        }
        for (FeedCandleUpdates.Update u : updates.candles()) {
            DayCandles<ClientSession> day = u == null ? null : bySymbol.get(u.symbol());
            if (day != null && u.candle() != null) {
                day.apply(LocalDate.parse(u.day()), u.minute(), u.candle(), true)
                        .forEach(this::deliver);
            }
        }
    }

    public int symbols() {
        return bySymbol.size();
    }

    private boolean release(ClientSession session, Key key, Set<Key> mine) {
        if (!mine.remove(key)) {
            return false;
        }
        demand.remove(key.symbol(), Mode.QUOTE);
        DayCandles<ClientSession> day = bySymbol.get(key.symbol());
        if (day != null && day.unwatch(session, key.interval())) {
            bySymbol.remove(key.symbol(), day);
        }
        return true;
    }

    /** The day's minutes so far; updates that arrived meanwhile are newer and win. */
    private void load(DayCandles<ClientSession> day) {
        LocalDate date = day.day();
        redis.hash(String.class)
                .hgetall(FeedRedisNames.candlesKey(day.symbol(), date.toString()))
                .subscribe()
                .with(
                        fields -> {
                            fields.forEach((minute, value) -> {
                                try {
                                    java.time.LocalTime.parse(minute);
                                    day.apply(date, minute, json.readValue(value, FeedCandle.class), false);
                                } catch (Exception e) {
                                    LOG.debugf(
                                            "skipping unreadable candle %s %s: %s",
                                            day.symbol(), minute, e.getMessage());
                                }
                            });
                            day.loaded().forEach(this::deliver);
                        },
                        e -> {
                            LOG.warnf("candles of %s not loaded (%s); live updates follow", day.symbol(), e.toString());
                            day.loaded().forEach(this::deliver);
                        });
    }

    private void deliver(DayCandles.Push<ClientSession> p) {
        p.watchers().forEach(s -> push(s, p.symbol(), p.interval(), p.closed(), p.candle()));
    }

    private void push(
            ClientSession session,
            String symbol,
            CandleInterval interval,
            boolean closed,
            io.tickwarden.gateway.domain.Candle candle) {
        if (!session.isClosing()) {
            session.send(messages.write(new GatewayMessages.CandleUpdate(
                    GatewayMessages.CandleUpdate.TYPE, symbol, interval.label(), closed, candle.toMessage())));
        }
    }

    private LocalDate today() {
        return clock.instant().atZone(CandleAggregation.IST).toLocalDate();
    }

    private static Set<String> dedupe(List<String> symbols) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : symbols) {
            out.add(s == null ? "" : s.trim());
        }
        return out;
    }

    /** For tests: the sessions watching a symbol's interval. */
    Set<ClientSession> watchers(String symbol, CandleInterval interval) {
        DayCandles<ClientSession> day = bySymbol.get(symbol);
        return day == null ? Set.of() : new HashSet<>(day.watchers(interval));
    }
}
