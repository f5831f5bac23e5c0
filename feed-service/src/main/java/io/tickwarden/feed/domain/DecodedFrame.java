package io.tickwarden.feed.domain;

import java.util.List;

/**
 * What one binary frame held: ticks (possibly none), whether it was a heartbeat, and any problems. A frame with
 * problems still yields its good packets.
 */
public record DecodedFrame(List<Tick> ticks, boolean heartbeat, List<DecodeProblem> problems) {

    public boolean hasTicks() {
        return !ticks.isEmpty();
    }
}
