package io.tickwarden.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryLedgerTest {

    private static final long E5 = 5 * RecoveryLedger.EPOCH;

    @Test
    void holesWithinAnEpochAreMissedAndAttributedToTheirFault() {
        RecoveryLedger l = new RecoveryLedger();
        l.tick("A", E5 + 1, false);
        l.label("redis_restart");
        l.tick("A", E5 + 2, false);
        l.tick("A", E5 + 5, false);
        l.tick("B", E5 + 7, false);
        l.tick("B", E5 + 8, true);
        RecoveryLedger.Summary s = l.summary();
        assertEquals(5, s.ticks());
        assertEquals(2, s.missed());
        assertEquals(Map.of("redis_restart", 2L), s.missedDuring());
        assertEquals(1, s.replayed());
        assertEquals(E5 + 8, l.position("B"));
    }

    @Test
    void aHoleBelongsToTheFaultDuringWhichItsTicksWentMissing() {
        RecoveryLedger l = new RecoveryLedger();
        l.label("redis_restart");
        l.tick("A", E5 + 1, false);
        // Redis comes back and the next fault starts before the next tick arrives.
        l.label("sim_drop");
        l.tick("A", E5 + 4, false);
        l.tick("A", E5 + 6, false);
        assertEquals(Map.of("redis_restart", 2L, "sim_drop", 1L), l.summary().missedDuring());
    }

    @Test
    void duplicatesAndOutOfOrderAreCountedNotMissed() {
        RecoveryLedger l = new RecoveryLedger();
        l.tick("A", E5 + 3, false);
        l.tick("A", E5 + 3, true);
        l.tick("A", E5 + 2, false);
        assertEquals(2, l.summary().duplicates());
        assertEquals(0, l.summary().missed());
    }

    @Test
    void aNewEpochOrASnapshotStartsTheCountAfresh() {
        RecoveryLedger l = new RecoveryLedger();
        l.tick("A", E5 + 40, false);
        l.tick("A", 6 * RecoveryLedger.EPOCH + 1, false);
        l.recovery(false, "TOO_OLD");
        l.snapshot("A", 6 * RecoveryLedger.EPOCH + 90);
        l.tick("A", 6 * RecoveryLedger.EPOCH + 91, false);
        l.recovery(true, null);
        RecoveryLedger.Summary s = l.summary();
        assertEquals(0, s.missed());
        assertEquals(1, s.epochChangesLive());
        assertEquals(Map.of("TOO_OLD", 1L), s.notRecovered());
        assertEquals(1, s.recovered());
    }
}
