package io.tickwarden.contracts.feed;

import java.util.List;

/**
 * Message on {@code feed.ticks}: the ticks of one upstream WebSocket frame (or one REST poll), or, for a frame larger
 * than feed-service's {@code feed.ticks-message-max-ticks}, of one part of it (the parts are published in order and
 * share {@code epoch} and {@code at}).
 * JSON {@code {"type":"ticks","source":"ws","epoch":3,"at":"...+05:30","count":2,"ticks":[FeedTick...]}}.
 *
 * @param epoch leader term that produced the batch (increases at every leader change)
 */
public record FeedTickBatch(String type, String source, long epoch, String at, int count, List<FeedTick> ticks) {

    public static final String TYPE = "ticks";
}
