package io.tickwarden.gateway.domain;

import java.util.Arrays;
import java.util.Optional;

/** The candle widths clients may ask for; 5m and 15m are built from the feed's 1-minute candles. */
public enum CandleInterval {
    ONE_MINUTE("1m", 1),
    FIVE_MINUTES("5m", 5),
    FIFTEEN_MINUTES("15m", 15);

    private final String label;
    private final int minutes;

    CandleInterval(String label, int minutes) {
        this.label = label;
        this.minutes = minutes;
    }

    public String label() {
        return label;
    }

    public int minutes() {
        return minutes;
    }

    public static Optional<CandleInterval> parse(String text) {
        return Arrays.stream(values()).filter(i -> i.label.equals(text)).findFirst();
    }

    public static String labels() {
        return String.join(
                ", ", Arrays.stream(values()).map(CandleInterval::label).toList());
    }
}
