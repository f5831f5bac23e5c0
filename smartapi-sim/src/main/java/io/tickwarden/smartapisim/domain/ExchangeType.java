package io.tickwarden.smartapisim.domain;

import java.util.Optional;

/**
 * WebSocket 2.0 exchange types and the instrument master's {@code exch_seg} each one streams. Prices on the wire are
 * paise, except currency derivatives (cde_fo), which are in units of 10^-7 rupee as on Kite.
 */
public enum ExchangeType {
    NSE_CM(1, "NSE", 100),
    NSE_FO(2, "NFO", 100),
    BSE_CM(3, "BSE", 100),
    BSE_FO(4, "BFO", 100),
    MCX_FO(5, "MCX", 100),
    NCX_FO(7, "NCX", 100),
    CDE_FO(13, "CDS", 10_000_000);

    private final int code;
    private final String exchSeg;
    private final long divisor;

    ExchangeType(int code, String exchSeg, long divisor) {
        this.code = code;
        this.exchSeg = exchSeg;
        this.divisor = divisor;
    }

    public int code() {
        return code;
    }

    public String exchSeg() {
        return exchSeg;
    }

    /** What a wire price is divided by to give rupees. */
    public long divisor() {
        return divisor;
    }

    public static Optional<ExchangeType> ofCode(int code) {
        for (ExchangeType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static Optional<ExchangeType> ofExchSeg(String exchSeg) {
        for (ExchangeType t : values()) {
            if (t.exchSeg.equals(exchSeg)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
