package io.tickwarden.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Collects the catalog's instruments and hands out exchange tokens that never collide with the listed ones; names
 * futures, options and contracts as Kite does. Used once by {@link InstrumentCatalog#build}.
 */
final class CatalogBuilder {

    private static final String EQUITIES = "/instruments/nse-equities.csv";

    private final List<Instrument> list = new ArrayList<>();
    private final Set<Long> usedTokens = new HashSet<>();
    private final Map<Segment, Long> nextToken = new LinkedHashMap<>();

    List<Instrument> instruments() {
        return list;
    }

    private long freshExchangeToken(Segment segment) {
        long next = nextToken.getOrDefault(segment, 60_000L);
        while (usedTokens.contains(segment.token(next))) {
            next++;
        }
        nextToken.put(segment, next + 1);
        return next;
    }

    private Instrument add(
            Segment segment,
            long exchangeToken,
            String symbol,
            String name,
            String exchange,
            String type,
            LocalDate expiry,
            double strike,
            long tickUnits,
            int lot,
            double price) {
        long token = segment.token(exchangeToken);
        long units = Math.max(tickUnits, Math.round(price * segment.divisor() / tickUnits) * tickUnits);
        Instrument in = new Instrument(
                token, exchangeToken, symbol, name, segment, exchange, type, expiry, strike, tickUnits, lot, units);
        if (!usedTokens.add(token)) {
            throw new IllegalStateException("token collision " + token + " for " + symbol);
        }
        list.add(in);
        return in;
    }

    Instrument index(long exchangeToken, String name, String exchange, double level) {
        return add(Segment.INDICES, exchangeToken, name, name, exchange, "EQ", null, 0, 5, 0, level);
    }

    List<Instrument> loadEquities() {
        List<String[]> rows = readEquityRows();
        // Listed tokens first, so generated ones can steer around them.
        for (String[] row : rows) {
            if (!row[2].isBlank()) {
                usedTokens.add(Segment.NSE.token(Long.parseLong(row[2].trim())));
            }
        }
        List<Instrument> equities = new ArrayList<>();
        for (String[] row : rows) {
            long exchangeToken;
            if (row[2].isBlank()) {
                exchangeToken = freshExchangeToken(Segment.NSE);
            } else {
                exchangeToken = Long.parseLong(row[2].trim());
                usedTokens.remove(Segment.NSE.token(exchangeToken));
            }
            double price = Double.parseDouble(row[3].trim());
            long tick = price < 1 ? 1 : 5;
            equities.add(add(
                    Segment.NSE, exchangeToken, row[0].trim(), row[1].trim(), "NSE", "EQ", null, 0, tick, 1, price));
        }
        return equities;
    }

    void bseListing(Instrument nse) {
        add(
                Segment.BSE,
                freshExchangeToken(Segment.BSE),
                nse.tradingsymbol(),
                nse.name(),
                "BSE",
                "EQ",
                null,
                0,
                nse.tickUnits(),
                1,
                nse.price(nse.referenceUnits()));
    }

    void future(Instrument underlying, LocalDate expiry, int lot) {
        String symbol = underlyingSymbol(underlying) + monthlyCode(expiry) + "FUT";
        add(
                Segment.NFO,
                freshExchangeToken(Segment.NFO),
                symbol,
                underlyingSymbol(underlying),
                "NFO",
                "FUT",
                expiry,
                0,
                5,
                lot,
                underlying.price(underlying.referenceUnits()) * 1.004);
    }

    void optionChain(Instrument underlying, LocalDate expiry, int step, int perSide, int lot) {
        double spot = underlying.price(underlying.referenceUnits());
        long atm = Math.round(spot / step) * step;
        boolean monthlyExpiry = expiry.plusWeeks(1).getMonthValue() != expiry.getMonthValue();
        String base = underlyingSymbol(underlying);
        for (int k = -perSide; k <= perSide; k++) {
            long strike = atm + (long) k * step;
            for (String type : List.of("CE", "PE")) {
                double intrinsic = type.equals("CE") ? Math.max(0, spot - strike) : Math.max(0, strike - spot);
                double timeValue = Math.max(0.5, spot * 0.006 * Math.exp(-Math.abs(strike - spot) / (spot * 0.02)));
                String code = monthlyExpiry ? monthlyCode(expiry) : weeklyCode(expiry);
                add(
                        Segment.NFO,
                        freshExchangeToken(Segment.NFO),
                        base + code + strike + type,
                        base,
                        "NFO",
                        type,
                        expiry,
                        strike,
                        5,
                        lot,
                        intrinsic + timeValue);
            }
        }
    }

    void currency(Segment segment, String pair, LocalDate expiry, double rate) {
        long tick = segment == Segment.CDS ? 25_000 : 25; // 0.0025 INR
        add(
                segment,
                freshExchangeToken(segment),
                pair + monthlyCode(expiry) + "FUT",
                pair,
                segment.name(),
                "FUT",
                expiry,
                0,
                tick,
                1,
                rate);
    }

    void commodity(String name, LocalDate expiry, double price, long tickUnits, int lot) {
        add(
                Segment.MCX,
                freshExchangeToken(Segment.MCX),
                name + monthlyCode(expiry) + "FUT",
                name,
                "MCX",
                "FUT",
                expiry,
                0,
                tickUnits,
                lot,
                price);
    }

    private static String underlyingSymbol(Instrument in) {
        return switch (in.tradingsymbol()) {
            case "NIFTY 50" -> "NIFTY";
            case "NIFTY BANK" -> "BANKNIFTY";
            default -> in.tradingsymbol();
        };
    }

    /** {@code 25DEC}: Kite's monthly contract code. */
    private static String monthlyCode(LocalDate expiry) {
        return String.format(Locale.ROOT, "%02d", expiry.getYear() % 100)
                + expiry.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT);
    }

    /** {@code 25D09}: Kite's weekly code, months 1-9 then O, N, D. */
    private static String weeklyCode(LocalDate expiry) {
        int m = expiry.getMonthValue();
        String month = m <= 9 ? String.valueOf(m) : m == 10 ? "O" : m == 11 ? "N" : "D";
        return String.format(Locale.ROOT, "%02d%s%02d", expiry.getYear() % 100, month, expiry.getDayOfMonth());
    }

    private static List<String[]> readEquityRows() {
        try (InputStream in = InstrumentCatalog.class.getResourceAsStream(EQUITIES)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + EQUITIES);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split(",", -1);
                if (cols.length != 4) {
                    throw new IllegalStateException("bad row in " + EQUITIES + ": " + line);
                }
                rows.add(cols);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
