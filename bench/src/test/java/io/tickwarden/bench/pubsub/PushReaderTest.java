package io.tickwarden.bench.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PushReaderTest {

    @Test
    void readsTheSubscribeReplyThenMessagesKeepingOnlyThePayloadsHead() throws IOException {
        String payload = "{\"epoch\":1000000000000000007,\"count\":3,\"ticks\":[" + "x".repeat(500) + "]}";
        String wire = "*3\r\n$9\r\nsubscribe\r\n$10\r\nfeed.ticks\r\n:1\r\n"
                + "*3\r\n$7\r\nmessage\r\n$10\r\nfeed.ticks\r\n$" + payload.length() + "\r\n" + payload + "\r\n"
                + "*3\r\n$7\r\nmessage\r\n$10\r\nfeed.ticks\r\n$2\r\n{}\r\n";
        PushReader r = new PushReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII)), 64);
        assertEquals("subscribe", r.next().kind());
        PushReader.Push m = r.next();
        assertEquals("message", m.kind());
        assertEquals(64, m.headLength());
        assertEquals(payload.length(), m.payloadLength());
        BatchHeader h = BatchHeader.parse(m.head(), m.headLength());
        assertEquals(7, h.stampNanos());
        assertEquals(3, h.count());
        PushReader.Push small = r.next();
        assertEquals(2, small.headLength(), "the rest of the long payload was skipped, not read as the next push");
    }

    @Test
    void anErrorReplyIsAnException() {
        PushReader r = new PushReader(new ByteArrayInputStream("-ERR wrong\r\n".getBytes()), 64);
        assertThrows(IOException.class, r::next);
    }
}
