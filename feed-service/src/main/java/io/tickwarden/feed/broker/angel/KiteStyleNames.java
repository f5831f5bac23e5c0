package io.tickwarden.feed.broker.angel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Kite's tradingsymbol grammar for derivatives, so Angel contracts get the names clients already use (and kite-sim
 * produces): futures {@code NIFTY26DECFUT}; monthly options {@code NIFTY26DEC24000CE}; weekly options
 * {@code NIFTY2612024000CE} (YY, month 1-9 then O N D, DD); strikes without trailing zeros ({@code 83.25}). Also reads
 * Angel's expiry text ({@code 30DEC2026}, {@code 04Apr2024}). Pure.
 */
final class KiteStyleNames {

    private static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };

    private KiteStyleNames() {}

    static String future(String name, LocalDate expiry) {
        return name + monthly(expiry) + "FUT";
    }

    static String option(String name, LocalDate expiry, boolean monthlyExpiry, BigDecimal strike, String type) {
        return name + (monthlyExpiry ? monthly(expiry) : weekly(expiry)) + strike(strike) + type;
    }

    /** {@code 26DEC}. */
    static String monthly(LocalDate expiry) {
        return String.format(Locale.ROOT, "%02d%s", expiry.getYear() % 100, MONTHS[expiry.getMonthValue() - 1]);
    }

    /** {@code 26D29}: months 1-9, then O, N, D. */
    static String weekly(LocalDate expiry) {
        int m = expiry.getMonthValue();
        String month = m <= 9 ? String.valueOf(m) : m == 10 ? "O" : m == 11 ? "N" : "D";
        return String.format(Locale.ROOT, "%02d%s%02d", expiry.getYear() % 100, month, expiry.getDayOfMonth());
    }

    static String strike(BigDecimal strike) {
        return strike.stripTrailingZeros().toPlainString();
    }

    /** Angel's {@code DDMMMYYYY} in any letter case; null when it is not one (empty for cash instruments). */
    static LocalDate expiry(String text) {
        if (text == null || text.length() != 9) {
            return null;
        }
        String mon = text.substring(2, 5).toUpperCase(Locale.ROOT);
        int month = -1;
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(mon)) {
                month = i + 1;
            }
        }
        try {
            int day = Integer.parseInt(text.substring(0, 2));
            int year = Integer.parseInt(text.substring(5));
            return month < 0 ? null : LocalDate.of(year, month, day);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
