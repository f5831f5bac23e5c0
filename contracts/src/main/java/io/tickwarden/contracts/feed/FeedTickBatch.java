package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * Message on {@code feed.ticks}: the ticks of one upstream WebSocket frame (or one REST poll), or, for a frame larger
 * than feed-service's {@code feed.ticks-message-max-ticks}, of one part of it (the parts are published in order and
 * share {@code epoch} and {@code at}).
 * JSON {@code {"type":"ticks","source":"ws","epoch":3,"at":"...+05:30","count":2,"part":0,"parts":1,"ticks":[...]}}.
 *
 * @param epoch leader term that produced the batch (increases at every leader change)
 * @param part  index of this message within its frame, from 0
 * @param parts number of messages the frame was split into; a reader may wait for the last part before flushing
 *              its clients, so a client gets one message per frame and not one per part
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedTickBatch(String type, String source, long epoch, String at, int count, int part, int parts,
                            List<FeedTick> ticks) {

    public static final String TYPE = "ticks";
}
