package io.tickwarden.sim;

/**
 * Kite segments: the low byte of an instrument token, and the divisor its binary prices use
 * (CDS 10^7, BCD 10^4, everything else 100).
 */
public enum Segment {
    NSE(1, 100, "NSE", "NSE"),
    NFO(2, 100, "NFO", "NFO-OPT"),
    CDS(3, 10_000_000, "CDS", "CDS-FUT"),
    BSE(4, 100, "BSE", "BSE"),
    BFO(5, 100, "BFO", "BFO-OPT"),
    BCD(6, 10_000, "BCD", "BCD-FUT"),
    MCX(7, 100, "MCX", "MCX-FUT"),
    MCXSX(8, 100, "MCXSX", "MCXSX"),
    INDICES(9, 100, "NSE", "INDICES");

    private final int code;
    private final int divisor;
    private final String exchange;
    private final String csvSegment;

    Segment(int code, int divisor, String exchange, String csvSegment) {
        this.code = code;
        this.divisor = divisor;
        this.exchange = exchange;
        this.csvSegment = csvSegment;
    }

    public int code() {
        return code;
    }

    public int divisor() {
        return divisor;
    }

    public String defaultExchange() {
        return exchange;
    }

    public String csvSegment() {
        return csvSegment;
    }

    public long token(long exchangeToken) {
        return exchangeToken << 8 | code;
    }

    public static Segment ofToken(long instrumentToken) {
        int code = (int) (instrumentToken & 0xFF);
        for (Segment s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown segment " + code + " in token " + instrumentToken);
    }
}
