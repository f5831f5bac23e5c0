package io.tickwarden.gateway.domain;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shape of a symbol: {@code EXCHANGE:TRADINGSYMBOL} as Kite writes it, e.g. {@code NSE:INFY}, {@code NSE:NIFTY 50},
 * {@code NFO:NIFTY26JANFUT}. Checked before the instrument list so garbage never reaches Redis or the feed.
 */
public final class SymbolFormat {

    public static final Set<String> EXCHANGES = Set.of("NSE", "BSE", "NFO", "BFO", "CDS", "BCD", "MCX", "NCO");
    private static final Pattern TRADING_SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9 &._\\-]{0,49}");

    private SymbolFormat() {}

    /** Why the symbol is malformed, or empty when its shape is fine. */
    public static Optional<String> problem(String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            return Optional.of("empty symbol");
        }
        if (symbol.length() > 64) {
            return Optional.of("symbol longer than 64 characters");
        }
        int colon = symbol.indexOf(':');
        if (colon < 0) {
            return Optional.of("expected EXCHANGE:TRADINGSYMBOL, e.g. NSE:INFY");
        }
        String exchange = symbol.substring(0, colon);
        if (!EXCHANGES.contains(exchange)) {
            return Optional.of("unknown exchange '" + printable(exchange) + "'; known: "
                    + String.join(", ", EXCHANGES.stream().sorted().toList()));
        }
        String trading = symbol.substring(colon + 1);
        if (!TRADING_SYMBOL.matcher(trading).matches() || trading.endsWith(" ")) {
            return Optional.of("malformed trading symbol (upper-case letters, digits, space, & . _ -)");
        }
        return Optional.empty();
    }

    /** Echoes client text into messages safely: control characters removed, length capped. */
    public static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }
}
