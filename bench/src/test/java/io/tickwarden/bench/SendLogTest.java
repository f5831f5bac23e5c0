package io.tickwarden.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.latency.LatencyJoin;
import io.tickwarden.bench.latency.SendLog;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendLogTest {

    @Test
    void joinsReceiptsWithSendsOnTokenAndVolume(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sends.bin");
        try (DataOutputStream out = new DataOutputStream(new FileOutputStream(file.toFile()))) {
            for (int i = 0; i < 1000; i++) {
                out.writeInt(408065);
                out.writeInt(100 + i);
                out.writeLong(1_000_000_000L + i * 1_000_000L);
            }
        }
        SendLog log = SendLog.read(file);
        assertEquals(1000, log.distinct());
        ReceiptRecorder rec = new ReceiptRecorder();
        rec.recording(true);
        for (int i = 0; i < 1000; i++) {
            rec.record(408065, 100 + i, 1_000_000_000L + i * 1_000_000L + 5_000_000L); // 5 ms later
        }
        rec.record(1, 1, 5); // never sent
        LatencyJoin.Result r = LatencyJoin.join(log, rec);
        assertEquals(1000, r.matched());
        assertEquals(1, r.unmatched());
        assertEquals(5000, r.micros().getValueAtPercentile(50), 10);
        SendLog tail = SendLog.read(file, 16 * 990 + 3);
        assertEquals(10, tail.distinct());
    }
}
