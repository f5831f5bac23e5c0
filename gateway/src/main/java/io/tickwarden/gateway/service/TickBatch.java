package io.tickwarden.gateway.service;

import io.tickwarden.gateway.domain.TickFrame;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One outgoing tick message taken from a {@link TickQueue}, as UTF-8: {@code {"type":"tick",...}} for a single
 * tick, {@code {"type":"ticks","ticks":[...]}} for more, with the count and the oldest publish time (for the lag
 * metric). It is copied together from the ticks' shared bytes into one array of the exact size: no per-client
 * JSON, no String, no re-encoding.
 */
record TickBatch(byte[] utf8, int count, long oldest) {

    private static final byte[] SINGLE = "{\"type\":\"tick\",".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MANY = "{\"type\":\"ticks\",\"ticks\":[".getBytes(StandardCharsets.US_ASCII);

    /**
     * Takes up to {@code maxBatch} ticks; {@code render} gives a tick's JSON in the client's mode, or null to skip it
     * (no longer subscribed, already sent). Null when nothing is left to send.
     */
    static TickBatch take(TickQueue queue, int maxBatch, Function<TickFrame, byte[]> render) {
        byte[][] parts = null;
        byte[] single = null;
        int count = 0;
        int length = 0;
        long oldest = Long.MAX_VALUE;
        TickFrame f;
        while (count < maxBatch && (f = queue.poll()) != null) {
            byte[] json = render.apply(f);
            if (json == null) {
                continue;
            }
            if (f.publishedAtMillis() > 0) {
                oldest = Math.min(oldest, f.publishedAtMillis());
            }
            if (count == 0) {
                single = json;
            } else {
                if (parts == null) {
                    parts = new byte[Math.min(maxBatch, queue.size() + 2)][];
                    parts[0] = single;
                }
                parts[count] = json;
            }
            length += json.length;
            count++;
        }
        if (count == 0) {
            return null;
        }
        return new TickBatch(
                count == 1 ? single(single) : many(parts, count, length), count, oldest == Long.MAX_VALUE ? 0 : oldest);
    }

    /** {@code {"type":"tick",} followed by the tick object without its opening brace. */
    private static byte[] single(byte[] json) {
        byte[] out = new byte[SINGLE.length + json.length - 1];
        System.arraycopy(SINGLE, 0, out, 0, SINGLE.length);
        System.arraycopy(json, 1, out, SINGLE.length, json.length - 1);
        return out;
    }

    private static byte[] many(byte[][] parts, int count, int length) {
        // Header, the objects, a comma between each two, and "]}".
        byte[] out = new byte[MANY.length + length + (count - 1) + 2];
        System.arraycopy(MANY, 0, out, 0, MANY.length);
        int at = MANY.length;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            System.arraycopy(parts[i], 0, out, at, parts[i].length);
            at += parts[i].length;
        }
        out[at++] = ']';
        out[at] = '}';
        return out;
    }
}
