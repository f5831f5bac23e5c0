package io.tickwarden.feed.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.contracts.feed.TickMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules split out of the supervisor, each at chosen instants. */
class SupervisorRulesTest {

    private static final Instant T0 = Instant.parse("2026-01-05T04:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void linkActsOnLivenessHandshakeTimeoutAndBackoff() {
        assertEquals(LinkRules.Action.KEEP, LinkRules.next(T0, true, Liveness.Verdict.OK, false, null, TIMEOUT, T0));
        assertEquals(
                LinkRules.Action.DROP_DEAD, LinkRules.next(T0, true, Liveness.Verdict.DEAD, false, null, TIMEOUT, T0));
        assertEquals(
                LinkRules.Action.DROP_STALE,
                LinkRules.next(T0, true, Liveness.Verdict.STALE, false, null, TIMEOUT, T0));
        // Single flight: while a handshake is in flight nothing else starts, until it times out.
        assertEquals(LinkRules.Action.WAIT, LinkRules.next(T0.plusSeconds(10), false, null, true, T0, TIMEOUT, T0));
        assertEquals(
                LinkRules.Action.CONNECT_TIMEOUT,
                LinkRules.next(T0.plusMillis(10001), false, null, true, T0, TIMEOUT, T0));
        // Backoff: connect only once the retry instant is reached.
        assertEquals(LinkRules.Action.WAIT, LinkRules.next(T0, false, null, false, null, TIMEOUT, T0.plusMillis(1)));
        assertEquals(LinkRules.Action.CONNECT, LinkRules.next(T0, false, null, false, null, TIMEOUT, T0));
    }

    @Test
    void linkRetriesBackOffUntilDataArrives() {
        RetrySchedule retry = new RetrySchedule(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0));
        assertEquals(Instant.EPOCH, retry.nextAt(), "the first connect is due at once");
        assertEquals(Duration.ofMillis(500), retry.failed(T0));
        assertEquals(T0.plusMillis(500), retry.nextAt());
        assertEquals(Duration.ofSeconds(1), retry.failed(T0));
        assertEquals(Duration.ofSeconds(2), retry.later(T0), "a handshake timeout backs off too...");
        assertEquals(2, retry.consecutiveFailures(), "...without counting as a failure");
        retry.at(T0.plusSeconds(1));
        assertEquals(T0.plusSeconds(1), retry.nextAt());
        assertEquals(Duration.ofSeconds(4), retry.failed(T0), "an admin reconnect keeps the backoff");
        retry.dataArrived();
        assertEquals(0, retry.consecutiveFailures());
        assertEquals(Duration.ofMillis(500), retry.failed(T0));
        retry.resetAt(T0.plusSeconds(9));
        assertEquals(T0.plusSeconds(9), retry.nextAt());
        assertEquals(Duration.ofMillis(500), retry.later(T0));
    }

    @Test
    void leaseRenewsOnScheduleAndFencesBeforeTheTtl() {
        Duration renew = Duration.ofSeconds(1);
        Duration fence = Duration.ofSeconds(3);
        assertFalse(LeaseRules.renewDue(T0, T0.plusMillis(999), renew));
        assertTrue(LeaseRules.renewDue(T0, T0.plusSeconds(1), renew));
        assertFalse(LeaseRules.fenced(T0, T0.plusSeconds(3), fence));
        assertTrue(LeaseRules.fenced(T0, T0.plusMillis(3001), fence));
        // The publish path's rule, on nanoTime: valid strictly below fence-after, whatever the wall clock did.
        long renewed = 5_000_000_000L;
        assertTrue(LeaseRules.leaseValid(renewed, renewed, fence));
        assertTrue(LeaseRules.leaseValid(renewed, renewed + fence.toNanos() - 1, fence));
        assertFalse(LeaseRules.leaseValid(renewed, renewed + fence.toNanos(), fence));
        assertFalse(
                LeaseRules.leaseValid(renewed, renewed + Duration.ofSeconds(12).toNanos(), fence), "SIGSTOP 12 s");
        assertTrue(LeaseRules.leaseValid(Long.MAX_VALUE - 10, Long.MIN_VALUE + 10, fence), "nanoTime wraps");
    }

    @Test
    void fallbackPollsOnlyAfterWebSocketSilenceWhereTicksAreExpected() {
        Duration after = Duration.ofSeconds(10);
        // Silence counts from the later of the last WebSocket tick and the start of running.
        assertFalse(FallbackRules.wanted(true, true, true, true, T0, T0.minusSeconds(60), T0.plusSeconds(10), after));
        assertTrue(FallbackRules.wanted(true, true, true, true, T0, T0.minusSeconds(60), T0.plusMillis(10001), after));
        assertTrue(FallbackRules.wanted(true, true, true, true, null, T0, T0.plusSeconds(11), after));
        assertFalse(FallbackRules.wanted(true, true, true, true, T0.minusSeconds(60), T0, T0.plusSeconds(5), after));
        assertFalse(FallbackRules.wanted(true, true, true, true, null, null, T0, after), "not running: no reference");
        assertFalse(FallbackRules.wanted(false, true, true, true, null, T0, T0.plusSeconds(11), after), "disabled");
        assertFalse(
                FallbackRules.wanted(true, false, true, true, null, T0, T0.plusSeconds(11), after), "token not usable");
        assertFalse(
                FallbackRules.wanted(true, true, false, true, null, T0, T0.plusSeconds(11), after),
                "nothing subscribed");
        assertFalse(
                FallbackRules.wanted(true, true, true, false, null, T0, T0.plusSeconds(11), after),
                "silence is normal");
    }

    @Test
    void fallbackBatchesRotateThroughLargeSets() {
        List<String> symbols = List.of("A", "B", "C", "D", "E");
        FallbackRules.Batch b1 = FallbackRules.batch(symbols, 0, 2);
        assertEquals(List.of("A", "B"), b1.symbols());
        FallbackRules.Batch b2 = FallbackRules.batch(symbols, b1.nextCursor(), 2);
        assertEquals(List.of("C", "D"), b2.symbols());
        FallbackRules.Batch b3 = FallbackRules.batch(symbols, b2.nextCursor(), 2);
        assertEquals(List.of("E"), b3.symbols());
        assertEquals(0, b3.nextCursor());
        assertEquals(
                List.of("A", "B", "C"),
                FallbackRules.batch(List.of("A", "B", "C"), 0, 500).symbols());
        // A set that shrank under the cursor wraps around instead of failing.
        assertEquals(List.of("A"), FallbackRules.batch(List.of("A"), 3, 2).symbols());
    }

    @Test
    void authBlockLiftsOnlyOnEvidenceOfReValidation() {
        Instant blockedAt = T0;
        assertFalse(AuthBlockRules.unblocked(true, 7L, T0.minusSeconds(60), T0.minusSeconds(30), false, 7L, blockedAt));
        assertFalse(AuthBlockRules.unblocked(false, 8L, T0.plusSeconds(1), null, true, 7L, blockedAt), "not VALID");
        assertTrue(AuthBlockRules.unblocked(true, 7L, null, null, true, 7L, blockedAt), "VALID event since the block");
        assertTrue(AuthBlockRules.unblocked(true, 8L, null, null, false, 7L, blockedAt), "new token version");
        assertTrue(AuthBlockRules.unblocked(true, 7L, T0.plusSeconds(1), null, false, 7L, blockedAt));
        assertTrue(AuthBlockRules.unblocked(true, 7L, T0.minusSeconds(60), T0.plusSeconds(1), false, 7L, blockedAt));
        assertFalse(AuthBlockRules.unblocked(true, 7L, T0.plusSeconds(1), null, false, 7L, null));
    }

    @Test
    void unheardReportsAreRetriedSoonerDoublingUpToThePeriod() {
        Duration retry = Duration.ofSeconds(15);
        assertEquals(Duration.ofSeconds(1), AuthBlockRules.retryAfterFailures(1, retry));
        assertEquals(Duration.ofSeconds(2), AuthBlockRules.retryAfterFailures(2, retry));
        assertEquals(Duration.ofSeconds(8), AuthBlockRules.retryAfterFailures(4, retry));
        assertEquals(retry, AuthBlockRules.retryAfterFailures(5, retry));
        assertEquals(retry, AuthBlockRules.retryAfterFailures(100, retry));
    }

    @Test
    void resolverPutsTheWatchlistFirstAndReportsUnknownAndOverCapacity() {
        SubscriptionPlan plan = SubscriptionPlan.of(
                List.of("NSE:INFY"),
                TickMode.QUOTE,
                List.of(
                        new SubscriptionPlan.OwnerDemand("gw-1", "NSE:SBIN", TickMode.LTP, 1),
                        new SubscriptionPlan.OwnerDemand("gw-1", "NSE:TCS", TickMode.FULL, 5),
                        new SubscriptionPlan.OwnerDemand("gw-1", "NSE:NOPE", TickMode.FULL, 9)));
        Map<String, Long> dump = Map.of("NSE:INFY", 1L, "NSE:SBIN", 2L, "NSE:TCS", 3L);
        SubscriptionResolver.Resolution r =
                SubscriptionResolver.resolve(plan, s -> Optional.ofNullable(dump.get(s)), 1, 2);
        assertEquals(List.of(1L, 3L), List.copyOf(r.tokens().keySet()), "watchlist, then the most wanted");
        assertEquals(TickMode.FULL, r.tokens().get(3L));
        assertEquals("NSE:TCS", r.names().get(3L));
        assertEquals(List.of("NSE:NOPE"), r.unresolved());
        assertEquals(List.of("NSE:SBIN"), r.overCapacity());
        assertEquals(
                "capacity: 3 instruments wanted, at most 2 (1 sockets x 2); not subscribed (1): [NSE:SBIN]",
                r.capacityError());
        assertNull(
                SubscriptionResolver.resolve(plan, s -> Optional.ofNullable(dump.get(s)), 3, 1)
                        .capacityError(),
                "three sockets of one instrument hold three");
    }

    @Test
    void diffSubscribesNewAndChangedModesAndUnsubscribesTheRest() {
        Map<Long, TickMode> sent = new LinkedHashMap<>(Map.of(1L, TickMode.FULL, 2L, TickMode.LTP, 3L, TickMode.QUOTE));
        Map<Long, TickMode> wanted = new LinkedHashMap<>();
        wanted.put(1L, TickMode.FULL);
        wanted.put(2L, TickMode.QUOTE);
        wanted.put(4L, TickMode.LTP);
        SubscriptionDiff d = SubscriptionDiff.between(sent, wanted);
        assertEquals(Map.of(2L, TickMode.QUOTE, 4L, TickMode.LTP), d.add());
        assertEquals(List.of(3L), d.remove());
        assertTrue(SubscriptionDiff.between(wanted, wanted).isEmpty());
    }

    @Test
    void tickRateOverAtLeastASecond() {
        TickRate rate = new TickRate();
        rate.sample(T0, 100);
        rate.sample(T0.plusMillis(500), 150);
        assertEquals(0.0, rate.perSecond());
        rate.sample(T0.plusMillis(2000), 400);
        assertEquals(150.0, rate.perSecond());
    }
}
