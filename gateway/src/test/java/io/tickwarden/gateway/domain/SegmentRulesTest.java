package io.tickwarden.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.contracts.gateway.GatewayMessages.SegmentStatus;
import io.tickwarden.gateway.domain.UpstreamViews.Auth;
import io.tickwarden.gateway.domain.UpstreamViews.Feed;
import io.tickwarden.gateway.domain.UpstreamViews.Market;
import io.tickwarden.gateway.domain.UpstreamViews.Segment;
import io.tickwarden.gateway.domain.UpstreamViews.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The priority rules with every segment's session (NSE closed at 20:00 IST while MCX trades). Freshness is judged
 * from instants passed in, as HealthService does, so nothing here reads a clock.
 */
class SegmentRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-16T14:30:00Z"); // 20:00 IST
    private static final Duration STALE_AFTER = Duration.ofSeconds(45);
    private static final String PRIMARY = "NSE:CM";
    private static final String NSE_NEXT = "2026-01-19T09:00:00+05:30";

    /** A session snapshot written at {@code writtenAt}, judged at {@link #NOW}. */
    private static Snapshot<Market> session(String phase, String nextPhase, String nextAt, Instant writtenAt) {
        Market m = new Market(
                phase,
                "title of " + phase,
                null,
                !"CLOSED".equals(phase),
                nextPhase,
                nextAt,
                60L,
                null,
                false,
                writtenAt,
                null);
        Duration age = Freshness.age(writtenAt, null, NOW);
        return new Snapshot<>(m, Freshness.judge(age, STALE_AFTER), age.toMillis() / 1000.0, null);
    }

    private static Segment segment(String id, String phase, Instant writtenAt) {
        return new Segment(id, session(phase, null, null, writtenAt));
    }

    /** NSE (all three segments) and BSE closed; MCX as given. */
    private static List<Segment> evening(String mcxPhase, Instant mcxWrittenAt) {
        Instant w = NOW.minusSeconds(3);
        return List.of(
                segment("NSE:CM", "CLOSED", w),
                segment("NSE:FO", "CLOSED", w),
                segment("NSE:CDS", "CLOSED", w),
                segment("BSE:CM", "CLOSED", w),
                segment("BSE:FO", "CLOSED", w),
                segment("MCX:COM", mcxPhase, mcxWrittenAt));
    }

    private static Snapshot<Market> nseClosed() {
        return session("CLOSED", "PRE_OPEN", NSE_NEXT, NOW.minusSeconds(3));
    }

    private static Snapshot<Auth> validAuth() {
        return new Snapshot<>(new Auth("VALID", true, false, null, null, NOW), Freshness.FRESH, 1.0, null);
    }

    private static Snapshot<Auth> expiredAuth() {
        return new Snapshot<>(new Auth("EXPIRED", false, true, "token expired", null, NOW), Freshness.FRESH, 1.0, null);
    }

    /** feed:state; {@code held} null is a feed that does not report segments (before per-segment clocks). */
    private static Snapshot<Feed> feed(String state, boolean healthy, Map<String, Integer> held) {
        Feed f = new Feed(
                state,
                healthy ? "WEBSOCKET" : "NONE",
                healthy,
                healthy ? "GOOD" : "DOWN",
                0.2,
                null,
                healthy ? null : "connection refused",
                NOW,
                held,
                "kite");
        return new Snapshot<>(f, Freshness.FRESH, 1.0, null);
    }

    private static HealthRules.Verdict eval(
            Snapshot<Market> nse, Snapshot<Auth> auth, Snapshot<Feed> feed, List<Segment> segments) {
        return HealthRules.evaluate(nse, auth, feed, PRIMARY, segments);
    }

    @Test
    void nseClosedWhileMcxTradesAndTheFeedIsConnectedIsNoAlarm() {
        HealthRules.Verdict v = eval(
                nseClosed(),
                validAuth(),
                feed("CONNECTED", true, Map.of("NSE:CM", 4, "MCX:COM", 2)),
                evening("LIVE", NOW.minusSeconds(3)));
        assertEquals(PriorityStatus.MARKET_SESSION, v.status());
        assertEquals("NSE closed; MCX LIVE · NSE next PRE_OPEN at " + NSE_NEXT, v.message());
        assertEquals("green", v.colour());
        assertFalse(v.marketOpen(), "market_open stays NSE's own");
        assertTrue(v.feedHasData());
    }

    @Test
    void mcxTradingDoesNotNeedAFeedThatHoldsNothingThere() {
        List<Segment> segs = evening("LIVE", NOW.minusSeconds(3));
        // A feed without per-segment reporting, idle since the NSE close: not an alarm.
        assertEquals(
                PriorityStatus.MARKET_SESSION,
                eval(nseClosed(), validAuth(), feed("IDLE", false, null), segs).status());
        // A feed that reports segments but holds no MCX instrument: nobody waits for MCX ticks.
        assertEquals(
                PriorityStatus.MARKET_SESSION,
                eval(nseClosed(), validAuth(), feed("IDLE", false, Map.of("NSE:CM", 4, "MCX:COM", 0)), segs)
                        .status());
    }

    @Test
    void feedDownWhileMcxTradesAndTheFeedHoldsMcxIsFeedDisconnected() {
        HealthRules.Verdict v = eval(
                nseClosed(),
                validAuth(),
                feed("DISCONNECTED", false, Map.of("MCX:COM", 2)),
                evening("LIVE", NOW.minusSeconds(3)));
        assertEquals(PriorityStatus.FEED_DISCONNECTED, v.status());
        assertEquals("amber", v.colour());
        assertEquals("Reconnecting… feed DISCONNECTED: connection refused (MCX LIVE)", v.message());
        // In MCX's closing auction too; but not once MCX is in a phase without continuous ticks.
        assertEquals(
                PriorityStatus.FEED_DISCONNECTED,
                eval(
                                nseClosed(),
                                validAuth(),
                                feed("DISCONNECTED", false, Map.of("MCX:COM", 2)),
                                evening("CLOSING_AUCTION", NOW))
                        .status());
        assertEquals(
                PriorityStatus.MARKET_SESSION,
                eval(
                                nseClosed(),
                                validAuth(),
                                feed("DISCONNECTED", false, Map.of("MCX:COM", 2)),
                                evening("CLOSED", NOW))
                        .status());
    }

    @Test
    void authRequiredStillComesFirst() {
        HealthRules.Verdict v = eval(
                nseClosed(),
                expiredAuth(),
                feed("AUTH_BLOCKED", false, Map.of("MCX:COM", 2)),
                evening("LIVE", NOW.minusSeconds(3)));
        assertEquals(PriorityStatus.AUTH_REQUIRED, v.status());
        assertEquals("red", v.colour());
    }

    @Test
    void aStaleSegmentIsNotNamedAndDoesNotExpectTicks() {
        // MCX's snapshot was written 10 minutes ago: session-service stopped, its last word does not count.
        List<Segment> segs = evening("LIVE", NOW.minusSeconds(600));
        HealthRules.Verdict v = eval(nseClosed(), validAuth(), feed("DISCONNECTED", false, Map.of("MCX:COM", 2)), segs);
        assertEquals(PriorityStatus.MARKET_SESSION, v.status());
        assertEquals("title of CLOSED · next PRE_OPEN at " + NSE_NEXT, v.message());
        assertEquals("blue", v.colour());
        SegmentStatus mcx = Segments.status(segs.get(5));
        assertEquals(new SegmentStatus("MCX:COM", "UNKNOWN", null, null, null, null, "STALE"), mcx);
    }

    @Test
    void whileNseIsOpenItsOwnMessageStands() {
        Instant w = NOW.minusSeconds(3);
        Snapshot<Market> nseLive = session("LIVE", "CLOSING_AUCTION", "2026-01-16T15:20:00+05:30", w);
        List<Segment> segs = List.of(new Segment("NSE:CM", nseLive), segment("MCX:COM", "LIVE", w));
        HealthRules.Verdict v = eval(nseLive, validAuth(), feed("CONNECTED", true, Map.of("NSE:CM", 4)), segs);
        assertEquals("title of LIVE · next CLOSING_AUCTION at 2026-01-16T15:20:00+05:30", v.message());
        assertEquals("green", v.colour());
    }

    @Test
    void otherSegmentsOfTheSameExchangeAreNamedInFull() {
        // 16:30 IST: NSE's cash market has closed, its currency segment trades until 17:00.
        Instant w = NOW.minusSeconds(3);
        List<Segment> segs = List.of(
                segment("NSE:CM", "CLOSED", w),
                segment("NSE:FO", "CLOSED", w),
                segment("NSE:CDS", "LIVE", w),
                segment("MCX:COM", "LIVE", w));
        HealthRules.Verdict v = eval(nseClosed(), validAuth(), feed("CONNECTED", true, null), segs);
        assertEquals("NSE closed; NSE:CDS LIVE, MCX LIVE · NSE next PRE_OPEN at " + NSE_NEXT, v.message());
        assertEquals(
                List.of("CLOSED", "CLOSED", "LIVE", "LIVE"),
                Segments.statuses(segs).stream().map(SegmentStatus::phase).toList());
        assertEquals(
                List.of(false, false, true, true),
                Segments.statuses(segs).stream().map(SegmentStatus::open).toList());
    }

    @Test
    void postCloseCountsAsOpenButExpectsNoTicks() {
        Segment mcx = segment("MCX:COM", "POST_CLOSE", NOW);
        assertTrue(Segments.open(mcx));
        assertFalse(Segments.ticksExpected(mcx));
        assertNull(Segments.status(segment("MCX:COM", "LIVE", NOW.minusSeconds(46)))
                .open());
    }
}
