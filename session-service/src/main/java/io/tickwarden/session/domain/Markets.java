package io.tickwarden.session.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The exchanges and segments of the contract; the first segment of each exchange is its default. */
public final class Markets {

    public static final Map<String, List<String>> SEGMENTS;

    static {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("NSE", List.of("CM", "FO", "CDS"));
        m.put("BSE", List.of("CM", "FO"));
        m.put("MCX", List.of("COM"));
        SEGMENTS = java.util.Collections.unmodifiableMap(m);
    }

    private Markets() {}

    public static List<Market> all() {
        return SEGMENTS.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(s -> new Market(e.getKey(), s)))
                .toList();
    }

    public static String defaultSegment(String exchange) {
        return SEGMENTS.get(exchange).getFirst();
    }

    public static boolean isDefault(Market market) {
        return defaultSegment(market.exchange()).equals(market.segment());
    }

    /** Validates an exchange alone; null or blank means NSE. */
    public static String exchange(String exchange) {
        String ex =
                exchange == null || exchange.isBlank() ? "NSE" : exchange.trim().toUpperCase(Locale.ROOT);
        if (!SEGMENTS.containsKey(ex)) {
            throw new UnknownMarketException(
                    "unknown exchange '" + exchange + "'; known exchanges and segments: " + known());
        }
        return ex;
    }

    /** Validates an exchange and segment; a missing segment means the exchange's default. */
    public static Market resolve(String exchange, String segment) {
        String ex = exchange(exchange);
        if (segment == null || segment.isBlank()) {
            return new Market(ex, defaultSegment(ex));
        }
        String seg = segment.trim().toUpperCase(Locale.ROOT);
        if (!SEGMENTS.get(ex).contains(seg)) {
            throw new UnknownMarketException("unknown segment '" + segment + "' for " + ex + "; known segments of " + ex
                    + ": " + String.join(", ", SEGMENTS.get(ex)) + " (all: " + known() + ")");
        }
        return new Market(ex, seg);
    }

    public static String known() {
        return SEGMENTS.entrySet().stream()
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }
}
