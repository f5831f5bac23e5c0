package io.tickwarden.feed.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulesTest {

    private static final Instant T0 = Instant.parse("2026-01-05T04:00:00Z");

    @Test
    void backoffIsJitteredExponentialCappedAndResets() {
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999999);
        long[] caps = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
        for (long cap : caps) {
            assertEquals(cap / 2, low.next().toMillis());
            long h = high.next().toMillis();
            assertTrue(h <= cap && h >= cap - 1, "upper delay " + h + " for cap " + cap);
        }
        low.reset();
        assertEquals(500, low.next().toMillis());
        for (int i = 0; i < 200; i++) {
            low.next();
        }
        assertEquals(30000, low.next().toMillis());
    }

    @Test
    void livenessFromData() {
        Duration hb = Duration.ofSeconds(5);
        Duration stale = Duration.ofSeconds(10);
        assertEquals(Liveness.Verdict.OK, Liveness.judge(T0.plusSeconds(4), T0, null, null, true, hb, stale));
        assertEquals(Liveness.Verdict.DEAD, Liveness.judge(T0.plusSeconds(6), T0, null, null, true, hb, stale));
        // Heartbeats keep it alive, but no ticks in LIVE is a stall...
        assertEquals(Liveness.Verdict.STALE, Liveness.judge(T0.plusSeconds(11), T0, T0.plusSeconds(10), null, true, hb, stale));
        // ...and normal where silence is expected.
        assertEquals(Liveness.Verdict.OK, Liveness.judge(T0.plusSeconds(11), T0, T0.plusSeconds(10), null, false, hb, stale));
        assertEquals(Liveness.Verdict.OK, Liveness.judge(T0.plusSeconds(11), T0, T0.plusSeconds(10), T0.plusSeconds(2), true, hb, stale));
    }

    @Test
    void scheduleRunsFromLeadBeforePreOpenUntilClosed() {
        Duration lead = Duration.ofMinutes(5);
        Instant preOpen = T0.plus(Duration.ofMinutes(30));
        assertTrue(MarketPhases.shouldRun("always", "CLOSED", null, null, T0, lead));
        assertFalse(MarketPhases.shouldRun("market-hours", "CLOSED", "PRE_OPEN", preOpen, T0, lead));
        assertTrue(MarketPhases.shouldRun("market-hours", "CLOSED", "PRE_OPEN", preOpen, preOpen.minus(lead), lead));
        assertTrue(MarketPhases.shouldRun("market-hours", "POST_CLOSE", "CLOSED", preOpen, T0, lead));
        assertFalse(MarketPhases.shouldRun("market-hours", "CLOSED", "PRE_OPEN", null, T0, lead));
        assertTrue(MarketPhases.ticksExpected("LIVE"));
        assertFalse(MarketPhases.ticksExpected("PRE_OPEN"));
        assertFalse(MarketPhases.ticksExpected("CLOSED"));
    }

    @Test
    void planMergesWatchlistAndDemandInTheRichestMode() {
        SubscriptionPlan plan = SubscriptionPlan.of(List.of("NSE:INFY", " NSE:TCS "), TickMode.QUOTE, List.of(
                new SubscriptionPlan.OwnerDemand("gw-1", "NSE:INFY", TickMode.FULL, 2),
                new SubscriptionPlan.OwnerDemand("gw-2", "NSE:INFY", TickMode.LTP, 1),
                new SubscriptionPlan.OwnerDemand("gw-2", "NSE:SBIN", TickMode.LTP, 3),
                new SubscriptionPlan.OwnerDemand("gw-3", "NSE:ITC", TickMode.FULL, 0)));
        assertEquals(List.of("NSE:INFY", "NSE:SBIN", "NSE:TCS"), plan.symbols());
        assertEquals(TickMode.FULL, plan.wants().get("NSE:INFY").mode());
        assertEquals(Map.of("watchlist", 1, "gw-1", 2, "gw-2", 1), plan.wants().get("NSE:INFY").wantedBy());
        assertEquals(TickMode.LTP, plan.wants().get("NSE:SBIN").mode());
    }

    @Test
    void candlesPerIstMinuteWithVolumeDeltas() {
        CandleBuilder b = new CandleBuilder();
        Instant m = Instant.parse("2026-01-05T04:00:05Z"); // 09:30:05 IST
        b.add(m, 100, 1000L);
        b.add(m.plusSeconds(10), 105, 1100L);
        CandleBuilder.Candle c = b.add(m.plusSeconds(20), 99, 1150L);
        assertEquals(LocalDateTime.parse("2026-01-05T09:30"), c.start());
        assertEquals(100, c.open());
        assertEquals(105, c.high());
        assertEquals(99, c.low());
        assertEquals(99, c.close());
        assertEquals(150, c.volume());
        CandleBuilder.Candle next = b.add(m.plusSeconds(60), 101, 1200L);
        assertEquals(LocalDateTime.parse("2026-01-05T09:31"), next.start());
        assertEquals(50, next.volume());
        assertEquals(1, next.ticks());
    }

    @Test
    void kiteDatesParsedInTheJvmZoneAreReadAsIst() {
        // kiteconnect read "2026-01-05 09:30:00" (IST) on a UTC host as 09:30 UTC.
        ZoneId utc = ZoneId.of("UTC");
        Date parsed = Date.from(LocalDateTime.parse("2026-01-05T09:30:00").atZone(utc).toInstant());
        assertEquals(Instant.parse("2026-01-05T04:00:00Z"), Ist.fromKiteDate(parsed, utc));
        assertEquals("2026-01-05T09:30:00+05:30", Ist.format(Ist.fromKiteDate(parsed, utc)));
    }
}
