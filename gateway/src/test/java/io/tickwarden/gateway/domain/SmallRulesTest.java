package io.tickwarden.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmallRulesTest {

    @Test
    void symbolFormat() {
        assertTrue(SymbolFormat.problem("NSE:INFY").isEmpty());
        assertTrue(SymbolFormat.problem("NSE:NIFTY 50").isEmpty());
        assertTrue(SymbolFormat.problem("NFO:NIFTY26JANFUT").isEmpty());
        assertTrue(SymbolFormat.problem("NSE:M&M").isEmpty());
        assertFalse(SymbolFormat.problem("INFY").isEmpty());
        assertFalse(SymbolFormat.problem("FOO:INFY").isEmpty());
        assertFalse(SymbolFormat.problem("NSE:").isEmpty());
        assertFalse(SymbolFormat.problem("NSE:infy").isEmpty());
        assertFalse(SymbolFormat.problem("NSE:NIFTY 50 ").isEmpty());
        assertFalse(SymbolFormat.problem("NSE:" + "A".repeat(70)).isEmpty());
        assertEquals("a?b", SymbolFormat.printable("a\u0000b"));
    }

    @Test
    void tokenBucketAllowsBurstThenRate() {
        TokenBucket b = new TokenBucket(10, 3, 0);
        assertTrue(b.tryTake(0));
        assertTrue(b.tryTake(0));
        assertTrue(b.tryTake(0));
        assertFalse(b.tryTake(0), "burst used up");
        assertTrue(b.tryTake(100_000_000L), "one token after 100 ms at 10/s");
        assertFalse(b.tryTake(100_000_000L));
    }

    @Test
    void demandCountsReferencesAndHighestMode() {
        DemandCounts d = new DemandCounts();
        d.add("NSE:INFY", Mode.LTP);
        d.add("NSE:INFY", Mode.FULL);
        assertEquals(new DemandCounts.Demand(Mode.FULL, 2), d.demand("NSE:INFY").orElseThrow());
        d.remove("NSE:INFY", Mode.FULL);
        assertEquals(new DemandCounts.Demand(Mode.LTP, 1), d.demand("NSE:INFY").orElseThrow());
        d.remove("NSE:INFY", Mode.QUOTE); // never added: ignored
        d.remove("NSE:INFY", Mode.LTP);
        assertTrue(d.demand("NSE:INFY").isEmpty());
        assertTrue(d.symbols().isEmpty());
    }
}
