package io.tickwarden.client.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwarden.client.Mode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PositionsTest {

    @Test
    void keepsTheHighestSeqPerSymbol() {
        Positions p = new Positions();
        p.advance("NSE:INFY", 5_000_000_010L);
        p.advance("NSE:INFY", 5_000_000_009L); // a snapshot older than the last tick does not move it back
        p.advance("NSE:TCS", 5_000_000_001L);
        p.advance("NSE:INFY", 6_000_000_001L); // a new leader term is higher
        p.advance("NSE:SBIN", 0); // no seq: no position
        assertEquals(6_000_000_001L, p.of("NSE:INFY"));
        assertEquals(Map.of("NSE:INFY", 6_000_000_001L, "NSE:TCS", 5_000_000_001L), p.all());
        assertEquals(0, p.of("NSE:SBIN"));
    }

    @Test
    void positionsOfSomeSymbolsAndForgetting() {
        Positions p = new Positions();
        p.advance("NSE:INFY", 7);
        p.advance("NSE:TCS", 8);
        assertEquals(Map.of("NSE:TCS", 8L), p.of(List.of("NSE:TCS", "NSE:SBIN")));
        p.forget(List.of("NSE:TCS"));
        assertEquals(Map.of("NSE:INFY", 7L), p.all());
    }

    @Test
    void subscriptionsGroupByModeAndFollowReModes() {
        Subscriptions s = new Subscriptions();
        s.add(List.of("NSE:INFY", "NSE:TCS"), Mode.QUOTE);
        s.add(List.of("NSE:SBIN"), Mode.LTP);
        s.add(List.of("NSE:TCS"), Mode.FULL);
        s.remove(List.of("NSE:SBIN"));
        assertEquals(Map.of(Mode.QUOTE, List.of("NSE:INFY"), Mode.FULL, List.of("NSE:TCS")), s.byMode());
    }
}
