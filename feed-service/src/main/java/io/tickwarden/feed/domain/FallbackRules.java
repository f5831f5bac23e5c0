package io.tickwarden.feed.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** When the REST fallback polls and which symbols each poll asks for. Pure: instants are passed in. */
public final class FallbackRules {

    private FallbackRules() {}

    /**
     * Poll while the WebSocket delivered no tick for more than {@code after} (counted from the later of the last
     * WebSocket tick and the moment the feed started running, across reconnects), in a phase where ticks are
     * expected, with the token usable and something subscribed.
     */
    public static boolean wanted(
            boolean enabled,
            boolean tokenUsable,
            boolean somethingSubscribed,
            boolean ticksExpected,
            Instant lastWsTickAt,
            Instant runningSince,
            Instant now,
            Duration after) {
        Instant ref = Liveness.later(lastWsTickAt, runningSince);
        return enabled
                && tokenUsable
                && somethingSubscribed
                && ticksExpected
                && ref != null
                && Duration.between(ref, now).compareTo(after) > 0;
    }

    /** One poll's symbols and the cursor for the next: {@code size} at a time, rotating through larger sets. */
    public record Batch(List<String> symbols, int nextCursor) {}

    public static Batch batch(List<String> symbols, int cursor, int size) {
        int from = (cursor * size) % symbols.size();
        List<String> batch = List.copyOf(symbols.subList(from, Math.min(symbols.size(), from + size)));
        return new Batch(batch, from + size >= symbols.size() ? 0 : cursor + 1);
    }
}
