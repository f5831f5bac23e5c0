package io.tickwarden.kitesim.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tickwarden.sim.Instrument;
import io.tickwarden.sim.QuoteSnapshot;
import io.tickwarden.sim.Segment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendLogTest {

    private static QuoteSnapshot snapshot(long token, long volume) {
        Instrument in = new Instrument(token, token >> 8, "X", "X", Segment.NSE, "NSE", "EQ", null, 0, 5, 1, 100);
        return new QuoteSnapshot(
                in, 1, 100, 1, 100, volume, 0, 0, 100, 100, 100, 100, 0, 0, 0, 0, 0, List.of(), List.of());
    }

    @Test
    void writesOneRecordPerPacket(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sends.bin");
        SendLog log = new SendLog(Optional.of(file));
        log.record(List.of(snapshot(408065, 10), snapshot(256265, 0)), 123_456_789L);
        log.close();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(2 * SendLog.RECORD_BYTES, b.remaining());
        assertEquals(408065, b.getInt());
        assertEquals(10, b.getInt());
        assertEquals(123_456_789L, b.getLong());
        assertEquals(256265, b.getInt());
    }

    @Test
    void offByDefault() {
        SendLog log = new SendLog(Optional.empty());
        assertFalse(log.enabled());
        log.record(List.of(snapshot(408065, 10)), 1);
        log.flush();
    }
}
