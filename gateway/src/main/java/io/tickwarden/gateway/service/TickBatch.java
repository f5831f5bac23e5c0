package io.tickwarden.gateway.service;

import io.tickwarden.gateway.domain.TickFrame;
import java.util.function.Function;

/**
 * One outgoing tick message taken from a {@link TickQueue}: {@code {"type":"tick",...}} for a single tick,
 * {@code {"type":"ticks","ticks":[...]}} for more, with the count and the oldest publish time (for the lag metric).
 */
record TickBatch(String text, int count, long oldest) {

    /**
     * Takes up to {@code maxBatch} ticks; {@code render} gives a tick's JSON in the client's mode, or null to skip it
     * (no longer subscribed, already sent). Null when nothing is left to send.
     */
    static TickBatch take(TickQueue queue, int maxBatch, Function<TickFrame, String> render) {
        StringBuilder body = null;
        String single = null;
        int count = 0;
        long oldest = Long.MAX_VALUE;
        TickFrame f;
        while (count < maxBatch && (f = queue.poll()) != null) {
            String json = render.apply(f);
            if (json == null) {
                continue;
            }
            if (f.publishedAtMillis() > 0) {
                oldest = Math.min(oldest, f.publishedAtMillis());
            }
            if (count == 0) {
                single = json;
            } else {
                if (body == null) {
                    body = new StringBuilder(single.length() * 4)
                            .append("{\"type\":\"ticks\",\"ticks\":[")
                            .append(single);
                }
                body.append(',').append(json);
            }
            count++;
        }
        if (count == 0) {
            return null;
        }
        String text = count == 1
                ? "{\"type\":\"tick\"," + single.substring(1)
                : body.append("]}").toString();
        return new TickBatch(text, count, oldest == Long.MAX_VALUE ? 0 : oldest);
    }
}
