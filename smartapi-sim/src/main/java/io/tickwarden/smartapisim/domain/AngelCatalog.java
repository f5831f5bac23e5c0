package io.tickwarden.smartapisim.domain;

import io.tickwarden.sim.Instrument;
import io.tickwarden.sim.InstrumentCatalog;
import io.tickwarden.sim.Segment;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shared instrument universe (the very contracts kite-sim lists) under Angel's names: tokens are the exchange
 * tokens ({@code SBIN} is 3045 on both brokers), indices get Angel's own tokens (NIFTY 50 is 99926000), symbols
 * follow Angel's scheme ({@code SBIN-EQ}, {@code NIFTY30DEC2524000CE}). Unique per {@code exch_seg} and token.
 */
public final class AngelCatalog {

    /** Angel's index tokens, symbols and names for the indices of the shared universe (Kite name → Angel). */
    private record IndexName(String token, String symbol, String name) {}

    private static final Map<String, IndexName> INDICES = Map.of(
            "NIFTY 50", new IndexName("99926000", "Nifty 50", "NIFTY"),
            "NIFTY BANK", new IndexName("99926009", "Nifty Bank", "BANKNIFTY"),
            "NIFTY IT", new IndexName("99926008", "Nifty IT", "NIFTYIT"),
            "INDIA VIX", new IndexName("99926017", "India VIX", "INDIA VIX"),
            "SENSEX", new IndexName("99919000", "SENSEX", "SENSEX"));

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("ddMMMyyyy", Locale.ROOT);
    private static final DateTimeFormatter SYMBOL_DATE = DateTimeFormatter.ofPattern("ddMMMyy", Locale.ROOT);

    private final List<AngelInstrument> instruments;
    private final Map<String, AngelInstrument> byExchSegToken;
    private final Map<Integer, AngelInstrument> byCatalogIndex;

    private AngelCatalog(List<AngelInstrument> instruments) {
        this.instruments = List.copyOf(instruments);
        Map<String, AngelInstrument> byKey = new HashMap<>();
        Map<Integer, AngelInstrument> byIndex = new HashMap<>();
        for (AngelInstrument in : instruments) {
            if (byKey.put(key(in.exchSeg(), in.token()), in) != null) {
                throw new IllegalStateException("duplicate Angel token " + in.exchSeg() + ":" + in.token());
            }
            byIndex.put(in.catalogIndex(), in);
        }
        this.byExchSegToken = Collections.unmodifiableMap(byKey);
        this.byCatalogIndex = Collections.unmodifiableMap(byIndex);
    }

    public static AngelCatalog of(InstrumentCatalog catalog) {
        List<AngelInstrument> out = new ArrayList<>(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            out.add(map(i, catalog.get(i)));
        }
        return new AngelCatalog(out);
    }

    public List<AngelInstrument> all() {
        return instruments;
    }

    public int size() {
        return instruments.size();
    }

    /** By {@code exch_seg} (NSE, NFO, BSE, BFO, CDS, BCD, MCX) and token, as the quote endpoint names them. */
    public Optional<AngelInstrument> find(String exchSeg, String token) {
        return Optional.ofNullable(byExchSegToken.get(key(exchSeg, token)));
    }

    /** By WebSocket exchange type and token. */
    public Optional<AngelInstrument> find(ExchangeType type, String token) {
        return find(type.exchSeg(), token).filter(in -> in.exchangeType().equals(Optional.of(type)));
    }

    public Optional<AngelInstrument> atCatalogIndex(int index) {
        return Optional.ofNullable(byCatalogIndex.get(index));
    }

    private static String key(String exchSeg, String token) {
        return exchSeg + ":" + token;
    }

    static AngelInstrument map(int index, Instrument in) {
        String tick = sixDecimals((double) in.tickUnits() * 100 / in.divisor());
        String lot = String.valueOf(Math.max(1, in.lotSize()));
        String noStrike = "-1.000000";
        String token = String.valueOf(in.exchangeToken());
        return switch (in.segment()) {
            case INDICES -> {
                IndexName n = INDICES.getOrDefault(
                        in.tradingsymbol(),
                        new IndexName(
                                String.valueOf(99_900_000 + in.exchangeToken()),
                                in.tradingsymbol(),
                                in.tradingsymbol()));
                String seg = in.exchange();
                yield new AngelInstrument(
                        index,
                        in,
                        n.token(),
                        n.symbol(),
                        n.name(),
                        "",
                        noStrike,
                        "1",
                        "AMXIDX",
                        seg,
                        tick,
                        ExchangeType.ofExchSeg(seg));
            }
            case NSE ->
                new AngelInstrument(
                        index,
                        in,
                        token,
                        in.tradingsymbol() + "-EQ",
                        in.tradingsymbol(),
                        "",
                        noStrike,
                        lot,
                        "",
                        "NSE",
                        tick,
                        Optional.of(ExchangeType.NSE_CM));
            case BSE ->
                new AngelInstrument(
                        index,
                        in,
                        token,
                        in.tradingsymbol(),
                        in.tradingsymbol(),
                        "",
                        noStrike,
                        lot,
                        "",
                        "BSE",
                        tick,
                        Optional.of(ExchangeType.BSE_CM));
            case NFO, BFO -> derivative(index, in, token, tick, lot);
            case CDS ->
                new AngelInstrument(
                        index,
                        in,
                        token,
                        futureSymbol(in),
                        in.name(),
                        expiry(in.expiry()),
                        noStrike,
                        lot,
                        "FUTCUR",
                        "CDS",
                        tick,
                        Optional.of(ExchangeType.CDE_FO));
            // Angel streams no BSE currency segment: listed and quoted, never ticked.
            case BCD ->
                new AngelInstrument(
                        index,
                        in,
                        token,
                        futureSymbol(in),
                        in.name(),
                        expiry(in.expiry()),
                        noStrike,
                        lot,
                        "FUTCUR",
                        "BCD",
                        tick,
                        Optional.empty());
            case MCX ->
                new AngelInstrument(
                        index,
                        in,
                        token,
                        futureSymbol(in),
                        in.name(),
                        expiry(in.expiry()),
                        noStrike,
                        lot,
                        "FUTCOM",
                        "MCX",
                        tick,
                        Optional.of(ExchangeType.MCX_FO));
            default -> throw new IllegalStateException("no Angel mapping for segment " + in.segment());
        };
    }

    private static AngelInstrument derivative(int index, Instrument in, String token, String tick, String lot) {
        boolean onIndex = in.name().equals("NIFTY") || in.name().equals("BANKNIFTY");
        String seg = in.segment() == Segment.BFO ? "BFO" : "NFO";
        Optional<ExchangeType> type = Optional.of(seg.equals("BFO") ? ExchangeType.BSE_FO : ExchangeType.NSE_FO);
        if (in.instrumentType().equals("FUT")) {
            return new AngelInstrument(
                    index,
                    in,
                    token,
                    futureSymbol(in),
                    in.name(),
                    expiry(in.expiry()),
                    "-1.000000",
                    lot,
                    onIndex ? "FUTIDX" : "FUTSTK",
                    seg,
                    tick,
                    type);
        }
        String symbol = in.name()
                + in.expiry().format(SYMBOL_DATE).toUpperCase(Locale.ROOT)
                + strikeText(in.strike())
                + in.instrumentType();
        return new AngelInstrument(
                index,
                in,
                token,
                symbol,
                in.name(),
                expiry(in.expiry()),
                sixDecimals(in.strike() * 100),
                lot,
                onIndex ? "OPTIDX" : "OPTSTK",
                seg,
                tick,
                type);
    }

    private static String futureSymbol(Instrument in) {
        return in.name() + in.expiry().format(SYMBOL_DATE).toUpperCase(Locale.ROOT) + "FUT";
    }

    /** {@code 30DEC2025}. */
    static String expiry(LocalDate date) {
        return date.format(EXPIRY).toUpperCase(Locale.ROOT);
    }

    private static String strikeText(double strike) {
        return strike == Math.rint(strike) ? String.valueOf((long) strike) : String.valueOf(strike);
    }

    private static String sixDecimals(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
