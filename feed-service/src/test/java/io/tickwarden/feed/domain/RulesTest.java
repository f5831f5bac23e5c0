package io.tickwarden.feed.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.contracts.feed.TickMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
        assertEquals(
                Liveness.Verdict.STALE,
                Liveness.judge(T0.plusSeconds(11), T0, T0.plusSeconds(10), null, true, hb, stale));
        // ...and normal where silence is expected.
        assertEquals(
                Liveness.Verdict.OK,
                Liveness.judge(T0.plusSeconds(11), T0, T0.plusSeconds(10), null, false, hb, stale));
        assertEquals(
                Liveness.Verdict.OK,
                Liveness.judge(T0.plusSeconds(11), T0, T0.plusSeconds(10), T0.plusSeconds(2), true, hb, stale));
    }

    @Test
    void scheduleRunsFromLeadBeforePreOpenUntilClosed() {
        Duration lead = Duration.ofMinutes(5);
        assertTrue(MarketPhases.shouldRun("always", "CLOSED", null, null, lead));
        assertFalse(MarketPhases.shouldRun("market-hours", "CLOSED", "PRE_OPEN", Duration.ofMinutes(30), lead));
        assertTrue(MarketPhases.shouldRun("market-hours", "CLOSED", "PRE_OPEN", lead, lead));
        assertTrue(MarketPhases.shouldRun("market-hours", "CLOSED", "PRE_OPEN", Duration.ofSeconds(10), lead));
        assertTrue(MarketPhases.shouldRun("market-hours", "POST_CLOSE", "CLOSED", Duration.ofHours(10), lead));
        assertTrue(
                MarketPhases.shouldRun("market-hours", "CLOSED", "LIVE", Duration.ofMinutes(3), lead),
                "MCX and CDS open straight into LIVE: the lead applies to that too");
        assertFalse(MarketPhases.shouldRun("market-hours", "CLOSED", "LIVE", Duration.ofMinutes(30), lead));
        assertFalse(MarketPhases.shouldRun("market-hours", "CLOSED", "PRE_OPEN", null, lead));
        assertTrue(MarketPhases.shouldRun("market-hours", null, null, null, lead), "no session snapshot: run");
        assertTrue(MarketPhases.ticksExpected("LIVE"));
        assertFalse(MarketPhases.ticksExpected("PRE_OPEN"));
        assertFalse(MarketPhases.ticksExpected("CLOSED"));
    }

    /**
     * A session on a simulated clock at 19:00 IST says CLOSED, next PRE_OPEN at 09:00 simulated: 14 h away by its
     * own figures, whatever instant our clock shows (the simulated 09:00 may lie in our past). Before, the feed
     * compared that instant with its own clock and opened the socket at 19:00 simulated.
     */
    @Test
    void aboutToOpenIsJudgedOnTheSessionsOwnClock() {
        Duration lead = Duration.ofMinutes(5);
        Instant simulatedNow = Instant.parse("2026-03-02T13:30:00Z"); // 19:00 IST
        Instant simulatedPreOpen = Instant.parse("2026-03-03T03:30:00Z"); // 09:00 IST next day
        Duration fromFields = MarketPhases.toNextChange(null, simulatedPreOpen, simulatedNow);
        assertEquals(Duration.ofHours(14), fromFields);
        assertFalse(MarketPhases.shouldRun("market-hours", "CLOSED", "PRE_OPEN", fromFields, lead));
        assertEquals(
                Duration.ofSeconds(240),
                MarketPhases.toNextChange(240L, simulatedPreOpen, simulatedNow),
                "seconds_to_next_phase wins when present");
        assertTrue(MarketPhases.shouldRun(
                "market-hours",
                "CLOSED",
                "PRE_OPEN",
                MarketPhases.toNextChange(240L, simulatedPreOpen, simulatedNow),
                lead));
        assertNull(MarketPhases.toNextChange(null, simulatedPreOpen, null));
    }

    @Test
    void planMergesWatchlistAndDemandInTheRichestMode() {
        SubscriptionPlan plan = SubscriptionPlan.of(
                List.of("NSE:INFY", " NSE:TCS "),
                TickMode.QUOTE,
                List.of(
                        new SubscriptionPlan.OwnerDemand("gw-1", "NSE:INFY", TickMode.FULL, 2),
                        new SubscriptionPlan.OwnerDemand("gw-2", "NSE:INFY", TickMode.LTP, 1),
                        new SubscriptionPlan.OwnerDemand("gw-2", "NSE:SBIN", TickMode.LTP, 3),
                        new SubscriptionPlan.OwnerDemand("gw-3", "NSE:ITC", TickMode.FULL, 0)));
        assertEquals(List.of("NSE:INFY", "NSE:SBIN", "NSE:TCS"), plan.symbols());
        assertEquals(TickMode.FULL, plan.wants().get("NSE:INFY").mode());
        assertEquals(
                Map.of("watchlist", 1, "gw-1", 2, "gw-2", 1),
                plan.wants().get("NSE:INFY").wantedBy());
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
        Date parsed =
                Date.from(LocalDateTime.parse("2026-01-05T09:30:00").atZone(utc).toInstant());
        assertEquals(Instant.parse("2026-01-05T04:00:00Z"), Ist.fromKiteDate(parsed, utc));
        assertEquals("2026-01-05T09:30:00+05:30", Ist.format(Ist.fromKiteDate(parsed, utc)));
    }
}
