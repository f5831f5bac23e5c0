package io.tickwarden.feed.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Rules that depend on the market session phase (CLOSED, PRE_OPEN, AUCTION_FREEZE, LIVE, CLOSING_AUCTION,
 * POST_CLOSE). Pure.
 */
public final class MarketPhases {

    private MarketPhases() {
    }

    /**
     * Whether the upstream socket should be open. {@code always}: yes. {@code market-hours}: in every phase but
     * CLOSED, and in CLOSED from {@code lead} before the next PRE_OPEN. Unknown phase (no session snapshot): yes,
     * since missing a session costs more than an idle socket.
     */
    public static boolean shouldRun(String schedule, String phase, String nextPhase, Instant nextChangeAt,
                                    Instant now, Duration lead) {
        if ("always".equalsIgnoreCase(schedule)) {
            return true;
        }
        if (phase == null) {
            return true;
        }
        if (!"CLOSED".equals(phase)) {
            return true;
        }
        return "PRE_OPEN".equals(nextPhase) && nextChangeAt != null
                && !now.isBefore(nextChangeAt.minus(lead));
    }

    /**
     * Whether tick silence means a stall and whether REST fallback may run: only while the market trades
     * continuously (LIVE, CLOSING_AUCTION). Silence is normal in CLOSED, PRE_OPEN and the auction freeze.
     * Unknown phase counts as LIVE (no session-service: assume the market may be open).
     */
    public static boolean ticksExpected(String phase) {
        return phase == null || "LIVE".equals(phase) || "CLOSING_AUCTION".equals(phase);
    }
}
