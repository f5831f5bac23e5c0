package io.tickwarden.bench.client;

import io.tickwarden.bench.system.Http;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The instruments a run uses, from kite-sim's instruments dump (CSV order: indices, NSE and BSE equities, then
 * derivatives), as {@code EXCHANGE:TRADINGSYMBOL} with their tokens; and each client's deterministic pick.
 */
public final class SymbolUniverse {

    private final List<String> symbols;
    private final Map<String, Integer> tokens;

    public SymbolUniverse(List<String> symbols, Map<String, Integer> tokens) {
        this.symbols = symbols;
        this.tokens = tokens;
    }

    /** The first {@code limit} instruments of kite-sim's dump. */
    public static SymbolUniverse fromKiteSim(Http http, String simUrl, int limit) {
        Http.Response r = http.get(simUrl + "/instruments");
        if (!r.ok()) {
            throw new IllegalStateException("GET /instruments: " + r.status());
        }
        List<String> symbols = new ArrayList<>();
        Map<String, Integer> tokens = new LinkedHashMap<>();
        String[] lines = r.body().split("\n");
        for (int i = 1; i < lines.length && symbols.size() < limit; i++) {
            String[] f = lines[i].trim().split(",");
            if (f.length < 12) {
                continue;
            }
            String symbol = f[11] + ":" + f[2];
            if (symbol.contains(",") || tokens.containsKey(symbol)) {
                continue;
            }
            symbols.add(symbol);
            tokens.put(symbol, Integer.parseInt(f[0]));
        }
        return new SymbolUniverse(List.copyOf(symbols), tokens);
    }

    /**
     * The same instruments in the same order as {@link #fromKiteSim}, built from the universe both simulators share
     * (sim-support) for today in IST, as Kite names them: what a smartapi-sim run subscribes (the feed maps Angel's
     * instrument master to these names). BCD is left out: Angel One does not stream BSE currency. Tokens are
     * kite-sim's, for reference only.
     */
    public static SymbolUniverse fromSharedCatalog(int limit) {
        var catalog = io.tickwarden.sim.InstrumentCatalog.build(
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Kolkata")), 120);
        List<String> symbols = new ArrayList<>();
        Map<String, Integer> tokens = new LinkedHashMap<>();
        for (io.tickwarden.sim.Instrument in : catalog.all()) {
            String symbol = in.exchange() + ":" + in.tradingsymbol();
            if (symbols.size() >= limit) {
                break;
            }
            if (in.exchange().equals("BCD") || tokens.containsKey(symbol)) {
                continue;
            }
            symbols.add(symbol);
            tokens.put(symbol, (int) in.instrumentToken());
        }
        return new SymbolUniverse(List.copyOf(symbols), tokens);
    }

    public List<String> symbols() {
        return symbols;
    }

    public Map<String, Integer> tokens() {
        return tokens;
    }

    /** Client {@code id}'s {@code count} distinct symbols: the same for the same id in every run and every peer. */
    public List<String> forClient(int id, int count) {
        List<String> copy = new ArrayList<>(symbols);
        Collections.shuffle(copy, new Random(1_000_003L * id + 17));
        return List.copyOf(copy.subList(0, Math.min(count, copy.size())));
    }

    public List<List<String>> forClients(int clients, int count) {
        List<List<String>> out = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            out.add(forClient(i, count));
        }
        return out;
    }
}
