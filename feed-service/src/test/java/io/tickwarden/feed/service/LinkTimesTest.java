package io.tickwarden.feed.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tickwarden.feed.domain.MarketSegment;
import io.tickwarden.feed.domain.SegmentClock;
import io.tickwarden.feed.domain.Tick;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A socket's silence is measured only on segments that expect ticks, and only from when they started to. */
class LinkTimesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T13:30:00Z"); // 19:00 IST
    private static final Set<MarketSegment> MIXED = Set.of(MarketSegment.NSE_CM, MarketSegment.MCX_COM);

    private static Tick tick(long token) {
        return new Tick(
                token, "ltp", true, 100.0, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static MarketSegment segmentOf(long token) {
        return token < 1000 ? MarketSegment.NSE_CM : MarketSegment.MCX_COM;
    }

    private static SegmentClock evening() {
        return new SegmentClock(
                "market-hours",
                Duration.ofMinutes(5),
                Map.of(
                        MarketSegment.NSE_CM, new SegmentClock.Phase("CLOSED", "PRE_OPEN", Duration.ofHours(14)),
                        MarketSegment.MCX_COM, new SegmentClock.Phase("LIVE", "CLOSED", Duration.ofHours(4))),
                MarketSegment.NSE_CM);
    }

    @Test
    void nseTicksDoNotKeepAnMcxSocketAliveAtNineteenHundred() {
        LinkTimes times = new LinkTimes();
        times.expecting(T0, true);
        times.ticks(T0.plusSeconds(5), List.of(tick(1)), LinkTimesTest::segmentOf); // NSE only
        assertEquals(T0, times.lastExpectedTick(MIXED, evening()), "an NSE tick at 19:00 is not MCX data");
        times.ticks(T0.plusSeconds(8), List.of(tick(1), tick(2000)), LinkTimesTest::segmentOf);
        assertEquals(T0.plusSeconds(8), times.lastExpectedTick(MIXED, evening()));
        assertEquals(T0.plusSeconds(8), times.lastTickOf(MarketSegment.NSE_CM));
    }

    @Test
    void silenceCountsFromWhenTheSegmentsStartedToExpectTicks() {
        LinkTimes times = new LinkTimes();
        times.ticks(T0, List.of(tick(2000)), LinkTimesTest::segmentOf);
        times.expecting(T0.plusSeconds(60), false);
        times.expecting(T0.plusSeconds(120), true);
        times.expecting(T0.plusSeconds(130), true);
        assertEquals(
                T0.plusSeconds(120),
                times.lastExpectedTick(MIXED, evening()),
                "the old tick is older than the moment MCX started expecting ticks");
        times.inactive();
        times.expecting(T0.plusSeconds(200), false);
        assertEquals(T0, times.lastExpectedTick(MIXED, evening()));
        assertNull(new LinkTimes().lastExpectedTick(MIXED, evening()));
    }
}
