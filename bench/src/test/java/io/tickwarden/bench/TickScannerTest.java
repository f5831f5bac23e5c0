package io.tickwarden.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.bench.client.TickScanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickScannerTest {

    @Test
    void findsTokenAndVolumeOfEveryTickInABatch() {
        String msg = "{\"type\":\"ticks\",\"ticks\":[{\"symbol\":\"NSE:INFY\",\"instrument_token\":408065,\"seq\":1,"
                + "\"last_price\":1500.5,\"mode\":\"quote\",\"volume\":12345,\"ohlc\":{\"open\":1}},"
                + "{\"symbol\":\"NSE:NIFTY 50\",\"instrument_token\":256265,\"last_price\":22000.1},"
                + "{\"instrument_token\":7,\"volume\":9}]}";
        byte[] b = msg.getBytes(StandardCharsets.UTF_8);
        List<long[]> seen = new ArrayList<>();
        int n = TickScanner.scan(b, 0, b.length, (t, v) -> seen.add(new long[] {t, v}));
        assertEquals(3, n);
        assertEquals(408065, seen.get(0)[0]);
        assertEquals(12345, seen.get(0)[1]);
        assertEquals(256265, seen.get(1)[0]);
        assertEquals(-1, seen.get(1)[1], "an index tick has no volume; the next tick's volume must not leak in");
        assertEquals(9, seen.get(2)[1]);
        assertTrue(TickScanner.isGatewayTick(b));
    }

    @Test
    void snapshotsAreNotLiveTicks() {
        assertFalse(TickScanner.isGatewayTick("{\"type\":\"snapshot\",\"quotes\":[]}".getBytes()));
        assertTrue(TickScanner.isGatewayTick("{\"type\":\"tick\",\"instrument_token\":1}".getBytes()));
        assertFalse(TickScanner.isGatewayTick("{\"type\":\"heartbeat\"}".getBytes()));
    }
}
