package io.tickwarden.feed.service;

import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.broker.BrokerCallException;
import io.tickwarden.feed.broker.BrokerInstrument;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.Ist;
import io.tickwarden.feed.domain.MarketSegment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Symbol ({@code EXCHANGE:TRADINGSYMBOL}) to instrument token and segment, from the broker's instruments dump, loaded once per IST
 * trading day (tokens of derivatives change with expiries; equities and indices do not) and kept on failure.
 */
@Singleton
public class InstrumentDirectory {

    private static final Logger LOG = Logger.getLogger(InstrumentDirectory.class);

    /** What a symbol resolved to. */
    public record Ref(long token, String symbol, String exchange, MarketSegment segment) {}

    private final Broker broker;
    private final MarketSegment home;
    private final Clock clock;
    private volatile Map<String, Ref> bySymbol = Map.of();
    private volatile Map<Long, Ref> byToken = Map.of();
    private volatile LocalDate loadedFor;

    InstrumentDirectory(Broker broker, Clock clock, FeedConfig config) {
        this.broker = broker;
        this.home = MarketSegment.defaultOf(config.exchange()).orElse(MarketSegment.NSE_CM);
        this.clock = clock;
    }

    /** Loads the dump if today's is not loaded yet; true when it loaded now. Blocking; worker threads only. */
    public boolean ensureLoaded(String accessToken) throws BrokerCallException {
        LocalDate today = Ist.tradingDay(clock.instant());
        if (today.equals(loadedFor)) {
            return false;
        }
        long started = System.nanoTime();
        var all = broker.instruments(accessToken);
        Map<String, Ref> symbols = new HashMap<>(all.size() * 2);
        Map<Long, Ref> tokens = new HashMap<>(all.size() * 2);
        for (BrokerInstrument in : all) {
            Ref ref = new Ref(in.token(), in.symbol(), in.exchange(), in.segment());
            symbols.put(in.symbol(), ref);
            tokens.put(in.token(), ref);
        }
        bySymbol = symbols;
        byToken = tokens;
        loadedFor = today;
        LOG.infof(
                "instruments dump for %s loaded: %d instruments in %d ms",
                today, all.size(), (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** Symbol to token for every known instrument: what the gateway validates client symbols against. */
    public Map<String, Long> symbolTokens() {
        Map<String, Long> out = new HashMap<>(bySymbol.size() * 2);
        bySymbol.forEach((symbol, ref) -> out.put(symbol, ref.token()));
        return out;
    }

    public boolean isLoaded() {
        return loadedFor != null;
    }

    /** Today's (IST trading day) dump is loaded: derivatives' tokens change with expiries, so yesterday's is not. */
    public boolean isLoadedToday() {
        return Ist.tradingDay(clock.instant()).equals(loadedFor);
    }

    public Optional<Ref> resolve(String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol.trim()));
    }

    public Optional<Ref> byToken(long token) {
        return Optional.ofNullable(byToken.get(token));
    }

    /** The segment whose clock the instrument follows: its own, or the home segment when the broker cannot tell. */
    public MarketSegment segmentOf(long token) {
        Ref ref = byToken.get(token);
        return ref == null || ref.segment() == null ? home : ref.segment();
    }
}
