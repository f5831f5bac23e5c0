package io.tickwarden.feed.broker.angel;

import io.tickwarden.feed.broker.BrokerInstrument;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps Angel's instrument master to the Kite-style symbols clients use whatever the broker (issue 14 item 5):
 * <ul>
 *   <li>NSE equities: {@code SBIN-EQ} is {@code NSE:SBIN}; other series keep their suffix as Kite names them
 *       ({@code IDEA-BE} is {@code NSE:IDEA-BE}); an NSE row without a series (Angel's index placeholders such as
 *       {@code NIFTY} 26000) is not mapped. BSE equities keep their symbol ({@code BSE:SBIN}).</li>
 *   <li>Indices ({@code AMXIDX}) by {@link #INDICES}: {@code Nifty 50} is {@code NSE:NIFTY 50}; others are not mapped.</li>
 *   <li>Futures and options on NFO, BFO, MCX and CDS from (name, expiry, strike, type) in Kite's grammar
 *       ({@link KiteStyleNames}); an option expiry is monthly when it is the last expiry of its month for that
 *       underlying and exchange in the master.</li>
 * </ul>
 * Whatever cannot be mapped (an unknown index, an exchange we have no segment for, a row without expiry, a name that
 * two rows would share) is left out and counted, with a few examples. Pure.
 */
final class AngelSymbols {

    /** Angel's index names (upper-cased) to Kite's tradingsymbols, per exchange: kite-sim's five and a few more. */
    static final Map<String, String> INDICES = Map.of(
            "NSE:NIFTY 50", "NIFTY 50",
            "NSE:NIFTY BANK", "NIFTY BANK",
            "NSE:NIFTY IT", "NIFTY IT",
            "NSE:INDIA VIX", "INDIA VIX",
            "NSE:NIFTY FIN SERVICE", "NIFTY FIN SERVICE",
            "NSE:NIFTY NEXT 50", "NIFTY NEXT 50",
            "BSE:SENSEX", "SENSEX",
            "BSE:BANKEX", "BANKEX");

    static final int EXAMPLES = 10;
    private static final BigDecimal STRIKE_DIVISOR = BigDecimal.valueOf(100);
    private static final BigDecimal CDS_STRIKE_DIVISOR = BigDecimal.valueOf(10_000_000);

    private AngelSymbols() {}

    /**
     * @param instruments the mapped ones, tokens encoded ({@link AngelTokens})
     * @param indices     the encoded tokens of the mapped indices (their packets are not tradable)
     * @param unmapped    how many rows were left out
     * @param examples    up to {@link #EXAMPLES} of them, {@code EXCH_SEG:symbol (why)}
     */
    record Mapping(List<BrokerInstrument> instruments, Set<Long> indices, int unmapped, List<String> examples) {}

    static Mapping map(List<AngelMaster.Row> rows) {
        Map<String, LocalDate> lastOfMonth = lastOptionExpiryOfMonth(rows);
        List<BrokerInstrument> out = new ArrayList<>(rows.size());
        Set<Long> indices = new HashSet<>();
        Set<String> symbols = new HashSet<>(rows.size() * 2);
        List<String> examples = new ArrayList<>(EXAMPLES);
        int unmapped = 0;
        for (AngelMaster.Row row : rows) {
            AngelExchange exchange = AngelExchange.ofCode(nz(row.exchSeg())).orElse(null);
            String why;
            String name = null;
            long token = -1;
            if (exchange == null || exchange.segment() == null) {
                why = "exchange without a segment";
            } else if ((token = AngelTokens.encode(exchange.type(), row.token())) < 0) {
                why = "token not a number";
            } else {
                name = tradingSymbol(row, exchange, lastOfMonth);
                why = name == null
                        ? "no Kite-style name"
                        : !symbols.add(exchange.code() + ":" + name) ? "duplicate name" : null;
            }
            if (why != null) {
                unmapped++;
                if (examples.size() < EXAMPLES) {
                    examples.add(nz(row.exchSeg()) + ":" + nz(row.symbol()) + " (" + why + ")");
                }
                continue;
            }
            out.add(new BrokerInstrument(token, exchange.code() + ":" + name, exchange.code(), exchange.segment()));
            if (isIndex(row)) {
                indices.add(token);
            }
        }
        return new Mapping(out, indices, unmapped, examples);
    }

    /** The Kite tradingsymbol of {@code row}, or null when there is none. */
    static String tradingSymbol(AngelMaster.Row row, AngelExchange exchange, Map<String, LocalDate> lastOfMonth) {
        String symbol = nz(row.symbol()).trim();
        String type = nz(row.instrumentType()).trim().toUpperCase(Locale.ROOT);
        if (symbol.isEmpty()) {
            return null;
        }
        if (isIndex(row)) {
            return INDICES.get(exchange.code() + ":" + symbol.toUpperCase(Locale.ROOT));
        }
        switch (exchange) {
            case NSE_CM -> {
                int dash = symbol.lastIndexOf('-');
                if (dash <= 0 || dash == symbol.length() - 1 || !isCash(type)) {
                    return null;
                }
                return symbol.endsWith("-EQ") ? symbol.substring(0, dash) : symbol;
            }
            case BSE_CM -> {
                return isCash(type) ? symbol : null;
            }
            default -> {
                return derivative(row, exchange, type, lastOfMonth);
            }
        }
    }

    private static String derivative(
            AngelMaster.Row row, AngelExchange exchange, String type, Map<String, LocalDate> lastOfMonth) {
        String name = nz(row.name()).trim();
        LocalDate expiry = KiteStyleNames.expiry(nz(row.expiry()).trim());
        if (name.isEmpty() || name.contains(" ") || expiry == null) {
            return null;
        }
        if (type.startsWith("FUT")) {
            return KiteStyleNames.future(name, expiry);
        }
        if (!type.startsWith("OPT")) {
            return null;
        }
        String symbol = nz(row.symbol()).trim();
        String optionType = symbol.endsWith("CE") ? "CE" : symbol.endsWith("PE") ? "PE" : null;
        BigDecimal strike = strike(row.strike(), exchange);
        if (optionType == null || strike == null) {
            return null;
        }
        boolean monthly = expiry.equals(lastOfMonth.get(monthKey(exchange.code(), name, YearMonth.from(expiry))));
        return KiteStyleNames.option(name, expiry, monthly, strike, optionType);
    }

    /** The option strike in rupees: the master holds it x100 (CDS: x10^7, as its prices); null when not positive. */
    static BigDecimal strike(String text, AngelExchange exchange) {
        try {
            BigDecimal raw = new BigDecimal(nz(text).trim());
            if (raw.signum() <= 0) {
                return null;
            }
            return raw.divide(exchange == AngelExchange.CDE_FO ? CDS_STRIKE_DIVISOR : STRIKE_DIVISOR);
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** Per exchange, underlying and month: the last option expiry the master lists. */
    static Map<String, LocalDate> lastOptionExpiryOfMonth(List<AngelMaster.Row> rows) {
        Map<String, LocalDate> last = new HashMap<>();
        for (AngelMaster.Row row : rows) {
            if (!nz(row.instrumentType()).trim().toUpperCase(Locale.ROOT).startsWith("OPT")) {
                continue;
            }
            LocalDate expiry = KiteStyleNames.expiry(nz(row.expiry()).trim());
            if (expiry != null) {
                last.merge(
                        monthKey(
                                nz(row.exchSeg()).toUpperCase(Locale.ROOT),
                                nz(row.name()).trim(),
                                YearMonth.from(expiry)),
                        expiry,
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return last;
    }

    private static String monthKey(String exchange, String name, YearMonth month) {
        return exchange + "|" + name + "|" + month;
    }

    /** Cash rows carry no instrument type (some copies of the master say EQ). */
    private static boolean isCash(String type) {
        return type.isEmpty() || type.equals("EQ");
    }

    private static boolean isIndex(AngelMaster.Row row) {
        return "AMXIDX".equalsIgnoreCase(nz(row.instrumentType()).trim());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
