package io.tickwarden.sim;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sim's instruments dump: NSE indices and SENSEX, 200+ NSE equities (from a bundled list), a few BSE
 * listings, stock and index futures, a NIFTY/BANKNIFTY option chain, and CDS, BCD and MCX contracts so every
 * divisor is exercised. Built once per start from the trading date; immutable afterwards.
 */
public final class InstrumentCatalog {

    private final List<Instrument> instruments;
    private final Map<Long, Integer> indexByToken;
    private final Map<String, Integer> indexByKey;

    private InstrumentCatalog(List<Instrument> instruments) {
        this.instruments = List.copyOf(instruments);
        Map<Long, Integer> byToken = new HashMap<>();
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < instruments.size(); i++) {
            Instrument in = instruments.get(i);
            if (byToken.put(in.instrumentToken(), i) != null) {
                throw new IllegalStateException("duplicate instrument token " + in.instrumentToken());
            }
            byKey.put(in.key(), i);
        }
        this.indexByToken = Collections.unmodifiableMap(byToken);
        this.indexByKey = Collections.unmodifiableMap(byKey);
    }

    public static InstrumentCatalog build(LocalDate tradingDate, int optionStrikesPerSide) {
        CatalogBuilder b = new CatalogBuilder();
        // Indices: real Kite tokens (segment 9). Not tradable.
        Instrument nifty = b.index(1001, "NIFTY 50", "NSE", 24350);
        Instrument bank = b.index(1016, "NIFTY BANK", "NSE", 52400);
        b.index(1015, "NIFTY IT", "NSE", 38500);
        b.index(1035, "INDIA VIX", "NSE", 13.5);
        b.index(1, "SENSEX", "BSE", 80200);

        List<Instrument> equities = b.loadEquities();
        for (String symbol : List.of("RELIANCE", "TCS", "INFY", "HDFCBANK", "SBIN", "ITC")) {
            equities.stream()
                    .filter(e -> e.tradingsymbol().equals(symbol))
                    .findFirst()
                    .ifPresent(e -> b.bseListing(e));
        }

        List<LocalDate> monthly = monthlyExpiries(tradingDate, 2);
        for (Instrument e : equities.subList(0, Math.min(50, equities.size()))) {
            b.future(e, monthly.get(0), 500);
        }
        for (LocalDate expiry : monthly) {
            b.future(nifty, expiry, 75);
            b.future(bank, expiry, 35);
        }
        for (LocalDate expiry : weeklyExpiries(tradingDate, 4)) {
            b.optionChain(nifty, expiry, 50, optionStrikesPerSide, 75);
        }
        for (LocalDate expiry : monthly) {
            b.optionChain(bank, expiry, 100, optionStrikesPerSide, 35);
        }
        b.currency(Segment.CDS, "USDINR", monthly.get(0), 84.5);
        b.currency(Segment.CDS, "EURINR", monthly.get(0), 91.25);
        b.currency(Segment.BCD, "USDINR", monthly.get(0), 84.5);
        b.commodity("GOLD", monthly.get(0), 76500, 100, 1);
        b.commodity("SILVER", monthly.get(0), 92000, 100, 1);
        b.commodity("CRUDEOIL", monthly.get(0), 5900, 100, 100);
        b.commodity("NATURALGAS", monthly.get(0), 290, 10, 1250);
        return new InstrumentCatalog(b.instruments());
    }

    public List<Instrument> all() {
        return instruments;
    }

    public int size() {
        return instruments.size();
    }

    public Instrument get(int index) {
        return instruments.get(index);
    }

    public Optional<Integer> indexOf(long token) {
        return Optional.ofNullable(indexByToken.get(token));
    }

    /** Resolves {@code EXCHANGE:TRADINGSYMBOL} or a bare numeric token, as Kite's quote API accepts. */
    public Optional<Integer> resolve(String instrument) {
        Integer byKey = indexByKey.get(instrument);
        if (byKey != null) {
            return Optional.of(byKey);
        }
        if (!instrument.isEmpty() && instrument.chars().allMatch(Character::isDigit) && instrument.length() < 19) {
            return indexOf(Long.parseLong(instrument));
        }
        return Optional.empty();
    }

    static List<LocalDate> monthlyExpiries(LocalDate from, int count) {
        List<LocalDate> result = new ArrayList<>();
        LocalDate month = from.withDayOfMonth(1);
        while (result.size() < count) {
            LocalDate last = month.with(TemporalAdjusters.lastInMonth(DayOfWeek.TUESDAY));
            if (!last.isBefore(from)) {
                result.add(last);
            }
            month = month.plusMonths(1);
        }
        return result;
    }

    static List<LocalDate> weeklyExpiries(LocalDate from, int count) {
        List<LocalDate> result = new ArrayList<>();
        LocalDate d = from.with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
        while (result.size() < count) {
            result.add(d);
            d = d.plusWeeks(1);
        }
        return result;
    }
}
