package io.tickwarden.feed.upstream;

import com.zerodhatech.models.Instrument;
import io.tickwarden.feed.domain.Ist;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Symbol ({@code EXCHANGE:TRADINGSYMBOL}) to instrument token, from Kite's instruments dump, loaded once per IST
 * trading day (tokens of derivatives change with expiries; equities and indices do not) and kept on failure.
 */
@Singleton
public class InstrumentDirectory {

    private static final Logger LOG = Logger.getLogger(InstrumentDirectory.class);

    /** What a symbol resolved to. */
    public record Ref(long token, String symbol, String exchange) {
    }

    private final KiteRest kite;
    private final Clock clock;
    private volatile Map<String, Ref> bySymbol = Map.of();
    private volatile Map<Long, Ref> byToken = Map.of();
    private volatile LocalDate loadedFor;

    InstrumentDirectory(KiteRest kite, Clock clock) {
        this.kite = kite;
        this.clock = clock;
    }

    /** Loads the dump if today's is not loaded yet; true when it loaded now. Blocking; worker threads only. */
    public boolean ensureLoaded(String accessToken) throws KiteRest.KiteCallException {
        LocalDate today = Ist.tradingDay(clock.instant());
        if (today.equals(loadedFor)) {
            return false;
        }
        long started = System.nanoTime();
        var all = kite.instruments(accessToken);
        Map<String, Ref> symbols = new HashMap<>(all.size() * 2);
        Map<Long, Ref> tokens = new HashMap<>(all.size() * 2);
        for (Instrument in : all) {
            String symbol = in.exchange + ":" + in.tradingsymbol;
            Ref ref = new Ref(in.instrument_token, symbol, in.exchange);
            symbols.put(symbol, ref);
            tokens.put(in.instrument_token, ref);
        }
        bySymbol = symbols;
        byToken = tokens;
        loadedFor = today;
        LOG.infof("instruments dump for %s loaded: %d instruments in %d ms", today, all.size(),
                (System.nanoTime() - started) / 1_000_000);
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

    public Optional<Ref> resolve(String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol.trim()));
    }

    public Optional<Ref> byToken(long token) {
        return Optional.ofNullable(byToken.get(token));
    }
}
