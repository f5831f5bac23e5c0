package io.tickwarden.bench.pubsub;

/**
 * What a subscriber needs from a {@code feed.ticks} message without parsing its ~90 KB: the publisher's stamp (in
 * {@code epoch}, see {@link TickMessages}) and the tick {@code count}, both among the first fields Jackson writes.
 * Reads only the head of the message, so the subscribers stay cheaper than Redis.
 */
public record BatchHeader(long stampNanos, int count) {

    /** The header in {@code head[0, len)}, or null when either field is missing from it. */
    public static BatchHeader parse(byte[] head, int len) {
        long epoch = number(head, len, "\"epoch\":");
        long count = number(head, len, "\"count\":");
        if (epoch < 0 || count < 0) {
            return null;
        }
        return new BatchHeader(epoch - TickMessages.STAMP_BASE, (int) count);
    }

    private static long number(byte[] b, int len, String key) {
        outer:
        for (int i = 0; i <= len - key.length(); i++) {
            for (int j = 0; j < key.length(); j++) {
                if (b[i + j] != key.charAt(j)) {
                    continue outer;
                }
            }
            long v = 0;
            int k = i + key.length();
            int start = k;
            while (k < len && b[k] >= '0' && b[k] <= '9') {
                v = v * 10 + (b[k] - '0');
                k++;
            }
            // A number cut off by the end of the head is not a number we can trust.
            return k == start || k == len ? -1 : v;
        }
        return -1;
    }
}
