package io.tickwarden.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LeaderEpochsTest {

    static long seq(long epoch, long n) {
        return epoch * RecoveryRule.PER_EPOCH + n;
    }

    @Test
    void anOlderEpochIsStaleForEveryInstrumentOnceANewerOneWasSeen() {
        LeaderEpochs epochs = new LeaderEpochs();
        assertEquals(LeaderEpochs.Verdict.NEWER, epochs.admit(seq(7, 1)));
        assertEquals(LeaderEpochs.Verdict.CURRENT, epochs.admit(seq(7, 900)));
        // The new leader ticks instrument A; the resumed old one still had a frame of instrument B buffered.
        assertEquals(LeaderEpochs.Verdict.NEWER, epochs.admit(seq(8, 1)));
        assertEquals(LeaderEpochs.Verdict.STALE, epochs.admit(seq(7, 901)), "B: never ticked by epoch 8, still old");
        assertEquals(LeaderEpochs.Verdict.STALE, epochs.admit(seq(6, 5_000)));
        assertEquals(LeaderEpochs.Verdict.CURRENT, epochs.admit(seq(8, 1)), "same epoch: the per-instrument check");
        assertEquals(8, epochs.newest());
    }

    @Test
    void aTickWithoutSequenceNumberIsNotJudged() {
        LeaderEpochs epochs = new LeaderEpochs();
        epochs.admit(seq(3, 1));
        assertEquals(LeaderEpochs.Verdict.CURRENT, epochs.admit(0));
        assertEquals(3, epochs.newest());
        assertEquals(3, LeaderEpochs.epochOf(seq(3, 999_999_999)));
    }
}
