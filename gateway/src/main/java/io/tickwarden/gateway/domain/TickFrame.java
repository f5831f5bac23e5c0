package io.tickwarden.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One instrument update, serialised at most once per mode however many clients receive it. {@code utf8(mode)} is
 * the tick's JSON object (without a {@code type}) as UTF-8: every connection's message is assembled from these
 * bytes, so the JSON is neither rendered nor encoded again per client.
 */
public final class TickFrame {

    private final String symbol;
    private final long seq;
    private final long publishedAtMillis;
    private final Function<Mode, byte[]> serialiser;
    private final byte[][] byMode = new byte[Mode.values().length][];

    /**
     * @param publishedAtMillis when feed-service published the batch (for the publish-to-write lag), or 0
     * @param serialiser        renders the tick for one mode; called at most once per mode
     */
    public TickFrame(String symbol, long seq, long publishedAtMillis, Function<Mode, byte[]> serialiser) {
        this.symbol = symbol;
        this.seq = seq;
        this.publishedAtMillis = publishedAtMillis;
        this.serialiser = serialiser;
    }

    /** A frame whose serialiser renders a String (tests). */
    public static TickFrame ofJson(String symbol, long seq, long publishedAtMillis, Function<Mode, String> serialiser) {
        return new TickFrame(
                symbol, seq, publishedAtMillis, serialiser.andThen(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    public String symbol() {
        return symbol;
    }

    public long seq() {
        return seq;
    }

    public long publishedAtMillis() {
        return publishedAtMillis;
    }

    /** The tick's JSON in a mode as UTF-8; shared, never to be modified. */
    public byte[] utf8(Mode mode) {
        int i = mode.ordinal();
        byte[] b = byMode[i];
        if (b == null) {
            // Benign race: two threads may render the same bytes; both results are equal.
            b = serialiser.apply(mode);
            byMode[i] = b;
        }
        return b;
    }

    /** The tick's JSON in a mode (snapshots and replays, which embed it in a larger message). */
    public String json(Mode mode) {
        return new String(utf8(mode), StandardCharsets.UTF_8);
    }
}
