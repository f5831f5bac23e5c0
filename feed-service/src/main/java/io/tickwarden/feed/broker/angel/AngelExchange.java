package io.tickwarden.feed.broker.angel;

import io.tickwarden.feed.domain.MarketSegment;
import java.util.Optional;

/**
 * Angel's exchange types (WebSocket 2.0 {@code exchangeType}) with the instrument master's {@code exch_seg} code,
 * the Kite exchange code clients see, the session-service segment and the price divisor. Prices are paise (100)
 * everywhere except currency derivatives: cde_fo uses 10^7, the divisor Kite uses for CDS, so the same contract
 * decodes to the same rupee value on both brokers. ncx_fo (NCDEX) has no segment of ours and is never mapped.
 */
public enum AngelExchange {
    NSE_CM(1, "NSE", MarketSegment.NSE_CM, 100),
    NSE_FO(2, "NFO", MarketSegment.NSE_FO, 100),
    BSE_CM(3, "BSE", MarketSegment.BSE_CM, 100),
    BSE_FO(4, "BFO", MarketSegment.BSE_FO, 100),
    MCX_FO(5, "MCX", MarketSegment.MCX_COM, 100),
    NCX_FO(7, "NCDEX", null, 100),
    CDE_FO(13, "CDS", MarketSegment.NSE_CDS, 10_000_000);

    private final int type;
    private final String code;
    private final MarketSegment segment;
    private final double divisor;

    AngelExchange(int type, String code, MarketSegment segment, double divisor) {
        this.type = type;
        this.code = code;
        this.segment = segment;
        this.divisor = divisor;
    }

    /** The WebSocket 2.0 exchange type (1 nse_cm ... 13 cde_fo). */
    public int type() {
        return type;
    }

    /** The master's {@code exch_seg}, the quote API's {@code exchangeTokens} key and the Kite exchange code. */
    public String code() {
        return code;
    }

    /** The session-service segment; null for NCDEX (not mapped). */
    public MarketSegment segment() {
        return segment;
    }

    /** Raw packet prices divided by this are rupees. */
    public double divisor() {
        return divisor;
    }

    public static Optional<AngelExchange> ofType(int type) {
        for (AngelExchange e : values()) {
            if (e.type == type) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public static Optional<AngelExchange> ofCode(String code) {
        for (AngelExchange e : values()) {
            if (e.code.equalsIgnoreCase(code)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
