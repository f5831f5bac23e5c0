package io.tickwarden.bench.client;

/**
 * Finds {@code (instrument_token, volume)} pairs in a tick JSON without parsing it: the load generator shares two
 * cores with the system under test, so it must spend as little CPU per message as possible. Both the gateway's
 * {@code tick}/{@code ticks} messages and feed-service's tick objects (the NATS payload) write these fields as
 * plain numbers, volume after instrument_token within one tick object.
 */
public final class TickScanner {

    public interface Sink {
        void tick(int token, long volume);
    }

    private static final byte[] TOKEN = "\"instrument_token\":".getBytes();
    private static final byte[] VOLUME = "\"volume\":".getBytes();

    private TickScanner() {}

    /** Calls {@code sink} once per tick object in {@code b[from, to)}; returns the number of ticks seen. */
    public static int scan(byte[] b, int from, int to, Sink sink) {
        int count = 0;
        int i = indexOf(b, TOKEN, from, to);
        while (i >= 0) {
            int tokenStart = i + TOKEN.length;
            long token = number(b, tokenStart, to);
            int next = indexOf(b, TOKEN, tokenStart, to);
            int end = next < 0 ? to : next;
            int v = indexOf(b, VOLUME, tokenStart, end);
            long volume = v < 0 ? -1 : number(b, v + VOLUME.length, end);
            if (sink != null) {
                sink.tick((int) token, volume);
            }
            count++;
            i = next;
        }
        return count;
    }

    static long number(byte[] b, int i, int to) {
        while (i < to && b[i] == ' ') {
            i++;
        }
        long n = 0;
        boolean any = false;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            n = n * 10 + (b[i] - '0');
            i++;
            any = true;
        }
        return any ? n : -1;
    }

    static int indexOf(byte[] b, byte[] needle, int from, int to) {
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (b[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** True when a gateway message is a live {@code tick} or {@code ticks} (not a snapshot of old quotes). */
    public static boolean isGatewayTick(byte[] b) {
        // {"type":"tick  -> 14 bytes; the gateway writes type first.
        return b.length > 14
                && b[9] == 't'
                && b[10] == 'i'
                && b[11] == 'c'
                && b[12] == 'k'
                && b[1] == '"'
                && b[2] == 't'
                && b[3] == 'y';
    }
}
