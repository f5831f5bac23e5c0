package io.tickwarden.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwarden.bench.client.ReceiptRecorder;
import org.junit.jupiter.api.Test;

class HopJoinTest {

    private static ReceiptRecorder recording() {
        ReceiptRecorder r = new ReceiptRecorder();
        r.recording(true);
        return r;
    }

    @Test
    void joinsEachClientReceiptWithTheTapsReceiptOfTheSameTick() {
        ReceiptRecorder tap = recording();
        ReceiptRecorder clients = recording();
        for (int i = 0; i < 100; i++) {
            tap.record(408065, 100 + i, 1_000_000_000L + i * 1_000_000L);
            // two clients hold the symbol: 2 ms and 4 ms after Redis
            clients.record(408065, 100 + i, 1_000_000_000L + i * 1_000_000L + 2_000_000L);
            clients.record(408065, 100 + i, 1_000_000_000L + i * 1_000_000L + 4_000_000L);
        }
        clients.record(408065, 99, 5); // before the tap started: no Redis receipt
        LatencyJoin.Result r = LatencyJoin.hop(tap, clients);
        assertEquals(200, r.matched());
        assertEquals(1, r.unmatched());
        assertEquals(0, r.negative());
        assertEquals(2000, r.micros().getMinValue(), 2);
        assertEquals(4000, r.micros().getMaxValue(), 4);
        Percentiles p = Percentiles.of(r);
        assertEquals(2.0, p.p50Ms(), 0.01);
        assertEquals(4.0, p.p99Ms(), 0.01);
        assertEquals(200, p.samples());
    }

    @Test
    void aTickSeenTwiceAtTheTapCountsFromItsFirstReceiptAndAClientAheadOfTheTapIsZero() {
        ReceiptRecorder tap = recording();
        ReceiptRecorder clients = recording();
        tap.record(7, 1, 10_000_000L);
        tap.record(7, 1, 30_000_000L);
        clients.record(7, 1, 15_000_000L);
        tap.record(8, 1, 50_000_000L);
        clients.record(8, 1, 49_000_000L); // the tap's thread ran late
        LatencyJoin.Result r = LatencyJoin.hop(tap, clients);
        assertEquals(2, r.matched());
        assertEquals(1, r.negative());
        assertEquals(0, r.micros().getMinValue());
        assertEquals(5000, r.micros().getMaxValue(), 5);
    }

    @Test
    void nothingToJoinGivesNaNPercentiles() {
        Percentiles p = Percentiles.of(LatencyJoin.hop(recording(), recording()));
        assertEquals(0, p.samples());
        assertEquals(Double.NaN, p.p99Ms());
    }
}
