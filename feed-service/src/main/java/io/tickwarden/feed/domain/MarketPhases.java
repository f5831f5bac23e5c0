package io.tickwarden.feed.domain;

import io.tickwarden.contracts.session.MarketPhase;
import java.time.Duration;
import java.time.Instant;

/**
 * Rules that depend on the market session phase (CLOSED, PRE_OPEN, AUCTION_FREEZE, LIVE, CLOSING_AUCTION,
 * POST_CLOSE). Pure.
 */
public final class MarketPhases {

    private MarketPhases() {}

    /**
     * Whether the upstream socket should be open. {@code always}: yes. {@code market-hours}: in every phase but
     * CLOSED, and in CLOSED from {@code lead} before the next opening phase (PRE_OPEN for NSE and BSE cash; MCX and
     * CDS go from CLOSED straight to LIVE). Unknown phase (no session snapshot): yes,
     * since missing a session costs more than an idle socket.
     *
     * <p>"How long until PRE_OPEN" is the snapshot's own figure ({@code toNextChange}, as of its writing), never
     * the snapshot's next-change instant compared with our clock: session-service may run on a simulated clock,
     * and a simulated 09:00 lies in the real past or future.
     */
    public static boolean shouldRun(
            String schedule, String phase, String nextPhase, Duration toNextChange, Duration lead) {
        if ("always".equalsIgnoreCase(schedule)) {
            return true;
        }
        if (phase == null) {
            return true;
        }
        if (!MarketPhase.CLOSED.name().equals(phase)) {
            return true;
        }
        return nextPhase != null
                && !MarketPhase.CLOSED.name().equals(nextPhase)
                && toNextChange != null
                && toNextChange.compareTo(lead) <= 0;
    }

    /**
     * The time to the next phase change as the session snapshot saw it: its {@code seconds_to_next_phase}, else
     * {@code next_change_at - as_of} (both in session-service's clock), else null.
     */
    public static Duration toNextChange(Long secondsToNextPhase, Instant nextChangeAt, Instant asOf) {
        if (secondsToNextPhase != null) {
            return Duration.ofSeconds(secondsToNextPhase);
        }
        if (nextChangeAt != null && asOf != null) {
            return Duration.between(asOf, nextChangeAt);
        }
        return null;
    }

    /**
     * Whether tick silence means a stall and whether REST fallback may run: only while the market trades
     * continuously (LIVE, CLOSING_AUCTION). Silence is normal in CLOSED, PRE_OPEN and the auction freeze.
     * Unknown phase counts as LIVE (no session-service: assume the market may be open).
     */
    public static boolean ticksExpected(String phase) {
        return phase == null
                || MarketPhase.LIVE.name().equals(phase)
                || MarketPhase.CLOSING_AUCTION.name().equals(phase);
    }
}
