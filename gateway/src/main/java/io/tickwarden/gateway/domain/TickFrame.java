package io.tickwarden.gateway.domain;

import java.util.function.Function;

/**
 * One instrument update, serialised at most once per mode however many clients receive it. {@code json(mode)}
 * is the tick's JSON object (without a {@code type}); frames concatenate these strings.
 */
public final class TickFrame {

    private final String symbol;
    private final long seq;
    private final long publishedAtMillis;
    private final Function<Mode, String> serialiser;
    private final String[] byMode = new String[Mode.values().length];

    /**
     * @param publishedAtMillis when feed-service published the batch (for the publish-to-write lag), or 0
     * @param serialiser        renders the tick for one mode; called at most once per mode
     */
    public TickFrame(String symbol, long seq, long publishedAtMillis, Function<Mode, String> serialiser) {
        this.symbol = symbol;
        this.seq = seq;
        this.publishedAtMillis = publishedAtMillis;
        this.serialiser = serialiser;
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

    public String json(Mode mode) {
        int i = mode.ordinal();
        String s = byMode[i];
        if (s == null) {
            // Benign race: two threads may render the same string; both results are equal.
            s = serialiser.apply(mode);
            byMode[i] = s;
        }
        return s;
    }
}
