package io.tickwarden.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tickwarden.contracts.gateway.GatewayRecoveryReasons;
import io.tickwarden.gateway.domain.RecoveryRule.Failed;
import io.tickwarden.gateway.domain.RecoveryRule.Outcome;
import io.tickwarden.gateway.domain.RecoveryRule.Recovered;
import io.tickwarden.gateway.domain.RecoveryRule.StreamId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way a position is recovered or refused, from the history's IDs alone. */
class RecoveryRuleTest {

    private static final int MAX = 300;
    private static final long EPOCH = 5;

    private static long seq(long epoch, long n) {
        return epoch * RecoveryRule.PER_EPOCH + n;
    }

    /** The IDs a history holding ticks {@code from..to} of {@code epoch} returns from the position on (at most MAX+2). */
    private static List<StreamId> read(long epoch, long position, long from, long to) {
        List<StreamId> out = new ArrayList<>();
        for (long n = Math.max(from, position); n <= to && out.size() < MAX + 2; n++) {
            out.add(new StreamId(epoch, n));
        }
        return out;
    }

    private static Outcome decide(long position, long from, long to) {
        long n = position % RecoveryRule.PER_EPOCH;
        return RecoveryRule.decide(position, new StreamId(EPOCH, to), read(EPOCH, n, from, to), MAX);
    }

    private static void assertReason(String reason, Outcome outcome) {
        assertEquals(reason, assertInstanceOf(Failed.class, outcome).reason(), outcome::toString);
    }

    @Test
    void theTicksAfterThePositionAreReplayed() {
        assertEquals(new Recovered(12), decide(seq(EPOCH, 123), 1, 135));
    }

    @Test
    void nothingMissedIsRecoveredWithNothingToReplay() {
        assertEquals(new Recovered(0), decide(seq(EPOCH, 135), 1, 135));
    }

    @Test
    void exactlyMaxMissedIsStillRecovered() {
        assertEquals(new Recovered(MAX), decide(seq(EPOCH, 100), 1, 100 + MAX));
    }

    @Test
    void moreMissedThanTheGatewayReplaysIsTooOld() {
        assertReason(GatewayRecoveryReasons.TOO_OLD, decide(seq(EPOCH, 100), 1, 101 + MAX));
    }

    @Test
    void tenMinutesAwayAtTwoTicksASecondIsTooOldUnderTheDefaults() {
        // Away 600 s at 2 ticks/s: 1,200 ticks missed; the history keeps the newest 300 (n 1201..1500).
        long position = seq(EPOCH, 300);
        Outcome outcome = RecoveryRule.decide(position, new StreamId(EPOCH, 1500), read(EPOCH, 300, 1201, 1500), MAX);
        assertReason(GatewayRecoveryReasons.TOO_OLD, outcome);
    }

    @Test
    void aHistoryTrimmedPastThePositionIsTooOldEvenWithFewMissed() {
        // A replay limit above the history's length: the position's own entry is gone.
        long position = seq(EPOCH, 50);
        assertReason(
                GatewayRecoveryReasons.TOO_OLD,
                RecoveryRule.decide(position, new StreamId(EPOCH, 80), read(EPOCH, 50, 60, 80), 1000));
    }

    @Test
    void aGapInTheHistoryIsNeverReplayed() {
        List<StreamId> ids = new ArrayList<>(read(EPOCH, 10, 1, 20));
        ids.remove(5);
        assertReason(
                GatewayRecoveryReasons.TOO_OLD, RecoveryRule.decide(seq(EPOCH, 10), new StreamId(EPOCH, 20), ids, MAX));
    }

    @Test
    void aHistoryOfANewerLeaderTermIsEpochChanged() {
        long position = seq(EPOCH, 40);
        assertReason(
                GatewayRecoveryReasons.EPOCH_CHANGED,
                RecoveryRule.decide(
                        position,
                        new StreamId(EPOCH + 1, 3),
                        List.of(new StreamId(EPOCH, 40), new StreamId(EPOCH, 41), new StreamId(EPOCH + 1, 1)),
                        MAX));
        // And when a new term's entry shows up in the read although the newest ID read before was still ours.
        assertReason(
                GatewayRecoveryReasons.EPOCH_CHANGED,
                RecoveryRule.decide(
                        position,
                        new StreamId(EPOCH, 41),
                        List.of(new StreamId(EPOCH, 40), new StreamId(EPOCH, 41), new StreamId(EPOCH + 1, 1)),
                        MAX));
    }

    @Test
    void noStreamIsNoHistory() {
        assertReason(GatewayRecoveryReasons.NO_HISTORY, RecoveryRule.decide(seq(EPOCH, 40), null, List.of(), MAX));
    }

    @Test
    void nonPositiveOrAheadPositionsAreBad() {
        assertReason(
                GatewayRecoveryReasons.BAD_POSITION, RecoveryRule.decide(0, new StreamId(EPOCH, 9), List.of(), MAX));
        assertReason(
                GatewayRecoveryReasons.BAD_POSITION, RecoveryRule.decide(-7, new StreamId(EPOCH, 9), List.of(), MAX));
        assertReason(
                GatewayRecoveryReasons.BAD_POSITION,
                RecoveryRule.decide(seq(EPOCH, 0), new StreamId(EPOCH, 9), List.of(), MAX));
        // Ahead in the same term, and of a term the history has not seen.
        assertReason(GatewayRecoveryReasons.BAD_POSITION, decide(seq(EPOCH, 10), 1, 9));
        assertReason(
                GatewayRecoveryReasons.BAD_POSITION,
                RecoveryRule.decide(seq(EPOCH + 1, 1), new StreamId(EPOCH, 9), List.of(), MAX));
    }

    @Test
    void streamIdsAreTheSeqSplit() {
        assertEquals(new StreamId(5, 123), StreamId.of(5_000_000_123L));
        assertEquals(5_000_000_123L, StreamId.parse("5-123").orElseThrow().seq());
        assertEquals("5-123", StreamId.of(5_000_000_123L).toString());
        assertEquals(java.util.Optional.empty(), StreamId.parse("x-1"));
    }
}
