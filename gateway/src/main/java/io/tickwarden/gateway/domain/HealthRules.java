package io.tickwarden.gateway.domain;

import io.tickwarden.contracts.feed.FeedState;
import io.tickwarden.contracts.session.MarketPhase;
import io.tickwarden.gateway.domain.UpstreamViews.Auth;
import io.tickwarden.gateway.domain.UpstreamViews.Feed;
import io.tickwarden.gateway.domain.UpstreamViews.Market;
import io.tickwarden.gateway.domain.UpstreamViews.Segment;
import io.tickwarden.gateway.domain.UpstreamViews.Snapshot;
import java.util.List;
import java.util.Set;

/**
 * The contract's priority rules over the three snapshots, plus the other exchange segments' sessions. A stale or
 * missing snapshot is never taken as good news:
 * <ol>
 *   <li>AUTH_REQUIRED when a fresh auth snapshot says the token is not valid (EXPIRED, REQUIRED), or when the auth
 *       snapshot is not fresh and a fresh feed snapshot says AUTH_BLOCKED;</li>
 *   <li>FEED_DISCONNECTED when ticks are expected and the feed is not fresh-and-healthy. Ticks are expected when the
 *       gateway's market (NSE) is LIVE or CLOSING_AUCTION (an unknown phase counts as open, as feed-service does),
 *       or when another segment is (fresh) LIVE or CLOSING_AUCTION and the feed reports instruments held in it;</li>
 *   <li>MARKET_SESSION otherwise; while NSE is CLOSED and other segments are open, the message names them.</li>
 * </ol>
 */
public final class HealthRules {

    /** Phases in which the market trades continuously, so silence means trouble (same rule as feed-service). */
    public static final Set<String> TICKS_EXPECTED =
            Set.of(MarketPhase.LIVE.name(), MarketPhase.CLOSING_AUCTION.name());

    private HealthRules() {}

    /** Result of the rules. {@code colour} is a hint for the dashboard banner. */
    public record Verdict(
            PriorityStatus status,
            String message,
            String colour,
            boolean authRequired,
            boolean marketOpen,
            boolean feedHasData) {}

    /** The rules over the gateway's market alone (no other segments known). */
    public static Verdict evaluate(Snapshot<Market> market, Snapshot<Auth> auth, Snapshot<Feed> feed) {
        return evaluate(market, auth, feed, null, List.of());
    }

    /**
     * @param primary  the segment {@code market} describes ("NSE:CM", the gateway exchange's default segment); it is
     *                 left out of {@code segments} when they are judged, since {@code market} already decides for it
     * @param segments every segment's session, in display order
     */
    public static Verdict evaluate(
            Snapshot<Market> market, Snapshot<Auth> auth, Snapshot<Feed> feed, String primary, List<Segment> segments) {
        boolean marketKnown = market.fresh();
        boolean marketOpen =
                !marketKnown || TICKS_EXPECTED.contains(market.view().phase());
        boolean feedHasData = feed.fresh() && Boolean.TRUE.equals(feed.view().isHealthy());
        List<Segment> others =
                segments.stream().filter(s -> !s.id().equals(primary)).toList();
        // Another segment's trading needs data only where the feed holds instruments: a feed that does not report
        // its segments, or holds none there, is not expected to tick (MCX LIVE at 20:00 for NSE-only clients).
        List<Segment> othersAwaitingTicks = others.stream()
                .filter(s -> Segments.ticksExpected(s)
                        && feed.view() != null
                        && feed.view().holds(s.id()))
                .toList();

        boolean authSaysLogin = auth.fresh() && auth.view().needsLogin();
        boolean feedSaysAuth = !auth.fresh()
                && feed.fresh()
                && FeedState.AUTH_BLOCKED.name().equals(feed.view().state());
        if (authSaysLogin || feedSaysAuth) {
            String why = authSaysLogin && auth.view().message() != null
                    ? ": " + auth.view().message()
                    : authSaysLogin ? " (token " + auth.view().state() + ")" : " (the feed reports its token refused)";
            return new Verdict(
                    PriorityStatus.AUTH_REQUIRED, loginRequired(feed) + why, "red", true, marketOpen, feedHasData);
        }
        if ((marketOpen || !othersAwaitingTicks.isEmpty()) && !feedHasData) {
            String context = marketOpen
                    ? (marketKnown ? "" : " (market phase unknown: session snapshot " + market.freshness() + ")")
                    : " (" + Segments.describe(othersAwaitingTicks, segments) + ")";
            return new Verdict(
                    PriorityStatus.FEED_DISCONNECTED,
                    "Reconnecting… " + feedProblem(feed) + context,
                    "amber",
                    false,
                    marketOpen,
                    false);
        }
        // Green while any market trades continuously: MCX LIVE at 20:00 is a working market, not a closed one.
        boolean trading = marketKnown && marketOpen || others.stream().anyMatch(Segments::ticksExpected);
        return new Verdict(
                PriorityStatus.MARKET_SESSION,
                marketMessage(market, primary, others, segments),
                trading ? "green" : "blue",
                false,
                marketOpen,
                feedHasData);
    }

    /** Kite needs a human to log in; Angel One's session is auth-service's own (the message says what failed). */
    private static String loginRequired(Snapshot<Feed> feed) {
        String broker = feed.view() == null ? null : feed.view().broker();
        return "angel".equals(broker) ? "Angel One login required" : "Kite login required";
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

    private static String marketMessage(
            Snapshot<Market> market, String primary, List<Segment> others, List<Segment> all) {
        if (!market.fresh()) {
            return "Market status unknown (session snapshot " + market.freshness() + ")";
        }
        Market m = market.view();
        String next = m.nextPhase() == null
                ? ""
                : "next " + m.nextPhase() + (m.nextChangeAt() != null ? " at " + m.nextChangeAt() : "");
        List<Segment> open = others.stream().filter(Segments::open).toList();
        if (Segments.CLOSED.equals(m.phase()) && !open.isEmpty()) {
            // "NSE closed; MCX LIVE": the closed market is not the whole story once another one trades.
            String exchange = primary == null ? "Market" : new Segment(primary, market).exchange();
            return exchange + " closed; " + Segments.describe(open, all)
                    + (next.isEmpty() ? "" : " · " + exchange + " " + next);
        }
        String title = m.title() != null ? m.title() : m.phase();
        return next.isEmpty() ? title : title + " · " + next;
    }
}
