package io.tickwarden.gateway.domain;

import io.tickwarden.gateway.domain.UpstreamViews.Auth;
import io.tickwarden.gateway.domain.UpstreamViews.Feed;
import io.tickwarden.gateway.domain.UpstreamViews.Market;
import io.tickwarden.gateway.domain.UpstreamViews.Snapshot;

import java.util.Set;

/**
 * The contract's priority rules over the three snapshots. A stale or missing snapshot is never taken as good news:
 * <ol>
 *   <li>AUTH_REQUIRED when a fresh auth snapshot says the token is not valid (EXPIRED, REQUIRED), or when the auth
 *       snapshot is not fresh and a fresh feed snapshot says AUTH_BLOCKED;</li>
 *   <li>FEED_DISCONNECTED when ticks are expected (LIVE or CLOSING_AUCTION; an unknown phase counts as open, as
 *       feed-service does) and the feed is not fresh-and-healthy;</li>
 *   <li>MARKET_SESSION otherwise.</li>
 * </ol>
 */
public final class HealthRules {

    /** Phases in which the market trades continuously, so silence means trouble (same rule as feed-service). */
    public static final Set<String> TICKS_EXPECTED = Set.of("LIVE", "CLOSING_AUCTION");

    private HealthRules() {
    }

    /** Result of the rules. {@code colour} is a hint for the dashboard banner. */
    public record Verdict(PriorityStatus status, String message, String colour, boolean authRequired,
                          boolean marketOpen, boolean feedHasData) {
    }

    public static Verdict evaluate(Snapshot<Market> market, Snapshot<Auth> auth, Snapshot<Feed> feed) {
        boolean marketKnown = market.fresh();
        boolean marketOpen = !marketKnown || TICKS_EXPECTED.contains(market.view().phase());
        boolean feedHasData = feed.fresh() && Boolean.TRUE.equals(feed.view().isHealthy());

        boolean authSaysLogin = auth.fresh() && auth.view().needsLogin();
        boolean feedSaysAuth = !auth.fresh() && feed.fresh() && "AUTH_BLOCKED".equals(feed.view().state());
        if (authSaysLogin || feedSaysAuth) {
            String why = authSaysLogin && auth.view().message() != null ? ": " + auth.view().message()
                    : authSaysLogin ? " (token " + auth.view().state() + ")" : " (the feed reports its token refused)";
            return new Verdict(PriorityStatus.AUTH_REQUIRED, "Kite login required" + why, "red", true, marketOpen,
                    feedHasData);
        }
        if (marketOpen && !feedHasData) {
            return new Verdict(PriorityStatus.FEED_DISCONNECTED, "Reconnecting… " + feedProblem(feed)
                    + (marketKnown ? "" : " (market phase unknown: session snapshot " + market.freshness() + ")"),
                    "amber", false, true, false);
        }
        return new Verdict(PriorityStatus.MARKET_SESSION, marketMessage(market), marketKnown && marketOpen ? "green" : "blue",
                false, marketOpen, feedHasData);
    }

    private static String feedProblem(Snapshot<Feed> feed) {
        if (feed.view() == null) {
            return "feed-service has not reported (" + feed.freshness() + ")";
        }
        if (!feed.fresh()) {
            return "feed-service stopped reporting (last report " + Math.round(feed.ageSeconds()) + " s ago)";
        }
        Feed f = feed.view();
        String detail = f.lastError() != null ? f.lastError() : f.reason();
        return "feed " + f.state() + (detail != null ? ": " + detail : "");
    }

    private static String marketMessage(Snapshot<Market> market) {
        if (!market.fresh()) {
            return "Market status unknown (session snapshot " + market.freshness() + ")";
        }
        Market m = market.view();
        String title = m.title() != null ? m.title() : m.phase();
        if (m.nextPhase() == null) {
            return title;
        }
        return title + " · next " + m.nextPhase() + (m.nextChangeAt() != null ? " at " + m.nextChangeAt() : "");
    }
}
