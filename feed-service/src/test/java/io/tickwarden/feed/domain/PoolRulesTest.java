package io.tickwarden.feed.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.contracts.feed.FeedMode;
import io.tickwarden.contracts.feed.FeedState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The pool's pure rules: assignment of instruments to sockets, the aggregate state, and every segment's clock. */
class PoolRulesTest {

    private static List<Long> tokens(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void sevenThousandFillTheFirstSocketsFirstAndNoneHoldsMoreThanItsLimit() {
        PoolAssignment.Result r = PoolAssignment.assign(Map.of(), tokens(0, 7000), 3, 3000);
        assertEquals(List.of(), r.unplaced());
        int[] counts = r.counts(3);
        assertEquals(3000, counts[0]);
        assertEquals(3000, counts[1]);
        assertEquals(1000, counts[2]);
    }

    @Test
    void addingAndRemovingDemandNeverMovesAnInstrumentThatStays() {
        PoolAssignment.Result first = PoolAssignment.assign(Map.of(), tokens(0, 7000), 3, 3000);
        Set<Long> next = new LinkedHashSet<>(tokens(0, 7000));
        tokens(100, 300).forEach(next::remove); // 200 leave socket 0
        next.addAll(tokens(10_000, 10_200)); // 200 arrive
        PoolAssignment.Result second = PoolAssignment.assign(first.socketOf(), next, 3, 3000);
        for (Long t : next) {
            if (first.socketOf().containsKey(t)) {
                assertEquals(first.socketOf().get(t), second.socketOf().get(t), "instrument " + t + " moved");
            }
        }
        int[] counts = second.counts(3);
        assertEquals(3000, counts[0], "the newcomers fill the room the leavers made first");
        assertEquals(3000, counts[1]);
        assertEquals(1000, counts[2]);
        assertEquals(7000, second.socketOf().size());
    }

    @Test
    void pastCapacityTheRestIsUnplacedAndEmptiedSocketsHoldNothing() {
        PoolAssignment.Result r = PoolAssignment.assign(Map.of(), tokens(0, 9001), 3, 3000);
        assertEquals(List.of(9000L), r.unplaced());
        Map<Long, Integer> previous = new HashMap<>(r.socketOf());
        PoolAssignment.Result shrunk = PoolAssignment.assign(previous, tokens(0, 10), 3, 3000);
        int[] counts = shrunk.counts(3);
        assertEquals(10, counts[0]);
        assertEquals(0, counts[1]);
        assertEquals(0, counts[2]);
    }

    @Test
    void aPoolIsAsBadAsItsWorstActiveSocketAndIdleWhenNoneIsActive() {
        var idle = new PoolRules.LinkStatus(2, FeedState.IDLE, FeedMode.NONE, "no instruments");
        var ok = new PoolRules.LinkStatus(0, FeedState.CONNECTED, FeedMode.WEBSOCKET, "websocket data");
        var down = new PoolRules.LinkStatus(1, FeedState.DISCONNECTED, FeedMode.NONE, "heartbeat_timeout");
        assertEquals(
                new PoolRules.Summary(FeedState.CONNECTED, FeedMode.WEBSOCKET, "websocket data"),
                PoolRules.aggregate(List.of(ok, idle), "closed"));
        assertEquals(
                new PoolRules.Summary(FeedState.DISCONNECTED, FeedMode.WEBSOCKET, "heartbeat_timeout"),
                PoolRules.aggregate(List.of(ok, down, idle), "closed"),
                "one socket down: degraded, others still deliver");
        var polled = new PoolRules.LinkStatus(1, FeedState.STALE, FeedMode.REST_POLLING, "tick_silence");
        assertEquals(
                new PoolRules.Summary(FeedState.STALE, FeedMode.REST_POLLING, "tick_silence"),
                PoolRules.aggregate(List.of(ok, polled), "closed"));
        assertEquals(
                new PoolRules.Summary(FeedState.IDLE, FeedMode.NONE, "closed"),
                PoolRules.aggregate(List.of(idle), "closed"));
    }

    private static SegmentClock at(String schedule, Map<MarketSegment, SegmentClock.Phase> phases) {
        return new SegmentClock(schedule, Duration.ofMinutes(5), phases, MarketSegment.NSE_CM);
    }

    @Test
    void at19IstNseIsClosedWithoutAlarmWhileMcxTrades() {
        SegmentClock c = at(
                "market-hours",
                Map.of(
                        MarketSegment.NSE_CM, new SegmentClock.Phase("CLOSED", "PRE_OPEN", Duration.ofHours(14)),
                        MarketSegment.MCX_COM, new SegmentClock.Phase("LIVE", "CLOSED", Duration.ofMinutes(270))));
        assertFalse(c.open(MarketSegment.NSE_CM));
        assertFalse(c.ticksExpected(MarketSegment.NSE_CM));
        assertTrue(c.open(MarketSegment.MCX_COM));
        assertTrue(c.ticksExpected(MarketSegment.MCX_COM));
        assertTrue(c.anyOpen(Set.of(MarketSegment.NSE_CM, MarketSegment.MCX_COM)), "a mixed socket stays open");
        assertEquals(List.of("MCX:COM"), c.expectedOf(Set.of(MarketSegment.NSE_CM, MarketSegment.MCX_COM)));
        assertFalse(c.open(null), "an instrument of unknown segment follows the home segment (NSE:CM)");
    }

    @Test
    void aSegmentAboutToOpenKeepsItsSocketOpenAndOneWithoutSnapshotCountsAsOpen() {
        SegmentClock c = at(
                "market-hours",
                Map.of(MarketSegment.NSE_CM, new SegmentClock.Phase("CLOSED", "PRE_OPEN", Duration.ofMinutes(4))));
        assertTrue(c.open(MarketSegment.NSE_CM), "within the 5 min pre-open lead");
        assertFalse(c.ticksExpected(MarketSegment.NSE_CM));
        assertTrue(c.open(MarketSegment.BSE_FO), "no snapshot: missing a session costs more than an idle socket");
        assertTrue(c.ticksExpected(MarketSegment.BSE_FO));
        SegmentClock always = at(
                "always",
                Map.of(MarketSegment.MCX_COM, new SegmentClock.Phase("CLOSED", "PRE_OPEN", Duration.ofHours(9))));
        assertTrue(always.open(MarketSegment.MCX_COM));
        assertFalse(always.ticksExpected(MarketSegment.MCX_COM), "always open, but closed silence is no stall");
    }

    @Test
    void liveSilenceCountsFromTheLaterOfOpeningAndTheLastExpectedTick() {
        var t0 = java.time.Instant.parse("2026-11-20T14:30:00Z");
        List<Liveness.Verdict> verdicts = new ArrayList<>();
        verdicts.add(Liveness.judge(
                t0.plusSeconds(11), t0, t0.plusSeconds(10), null, true, Duration.ofSeconds(5), Duration.ofSeconds(10)));
        verdicts.add(Liveness.judge(
                t0.plusSeconds(11),
                t0,
                t0.plusSeconds(10),
                t0.plusSeconds(5),
                true,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10)));
        verdicts.add(Liveness.judge(
                t0.plusSeconds(11),
                t0,
                t0.plusSeconds(10),
                null,
                false,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10)));
        assertEquals(List.of(Liveness.Verdict.STALE, Liveness.Verdict.OK, Liveness.Verdict.OK), verdicts);
    }
}
