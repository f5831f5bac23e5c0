package io.tickwarden.feed.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Golden and generated packets: our decoder must agree with KiteTicker tick for tick. */
class KiteTickerConformanceTest {

    private final KiteTickerOracle oracle = new KiteTickerOracle();

    @Test
    void officialMockPacket() {
        byte[] frame = Packets.frame(List.of(Packets.officialMockFull()));
        assertEquals(1, oracle.parse(frame).size());
        oracle.assertAgree(frame);
    }

    @Test
    void goldenPacketsOfEveryKindAndSegment() {
        int cds = (5000 << 8) | 3;
        int bcd = (5001 << 8) | 6;
        int mcx = (5002 << 8) | 7;
        byte[] frame = Packets.frame(List.of(
                Packets.ltp(408065, 157370),
                Packets.ltp(256265, 2_435_050),
                Packets.ltp(cds, 834_512_345),
                Packets.ltp(bcd, 834_512),
                Packets.quote(mcx, new int[] {6_512_300, 1, 6_500_000, 10, 20, 30, 6_400_000, 6_600_000, 6_300_000, 0}),
                Packets.index(256265, 2_435_050, 2_440_000, 2_430_000, 2_431_000, 2_420_000, 15_050, null),
                Packets.index(260105, 5_240_000, 5_250_000, 5_230_000, 5_231_000, 5_220_000, 20_000, 1_700_000_000),
                Packets.officialMockFull()));
        assertEquals(8, oracle.parse(frame).size());
        oracle.assertAgree(frame);
    }

    @Test
    void thousandRandomFrames() {
        Random r = new Random(42);
        int[] segments = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int i = 0; i < 1000; i++) {
            List<byte[]> packets = new ArrayList<>();
            int n = 1 + r.nextInt(20);
            for (int p = 0; p < n; p++) {
                packets.add(Packets.random(r, segments[r.nextInt(segments.length)]));
            }
            oracle.assertAgree(Packets.frame(packets));
        }
    }
}
