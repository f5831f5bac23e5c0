package io.tickwarden.client.state;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which gateway the client tries next, and after how long. Every failed connect or lost connection moves to the next
 * gateway of the list (round robin): a dead replica is left at once for a live one, where the client recovers by
 * position (the history is in Redis, shared by every replica). The delay grows with the number of full rounds that
 * failed since a gateway last served the client, not with single attempts, so with two replicas the first hop to the
 * survivor waits only the first (jittered) backoff step, while a client that finds every gateway down backs off as
 * it did with one. No delay is ever zero: many clients dropped by one replica arrive at the other spread out. With
 * one gateway it is exactly the previous behaviour. Not thread-safe: the client's own thread uses it.
 */
public final class GatewayRotation {

    private final List<URI> gateways;
    private final Backoff backoff;
    private int index;
    private int failures;

    public GatewayRotation(List<URI> gateways, Backoff backoff) {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway URI");
        }
        this.gateways = List.copyOf(gateways);
        this.backoff = Objects.requireNonNull(backoff);
    }

    /** The gateway to connect to now. */
    public URI current() {
        return gateways.get(index);
    }

    public List<URI> all() {
        return gateways;
    }

    /**
     * The connection to {@link #current()} failed or was lost: moves to the next gateway and returns how long to
     * wait before connecting to it.
     */
    public Duration failed() {
        Duration delay = backoff.delay(failures / gateways.size());
        failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
        index = (index + 1) % gateways.size();
        return delay;
    }

    /** {@link #current()} served the client (the gateway's first message arrived): the next outage starts afresh. */
    public void served() {
        failures = 0;
    }

    /** Failed attempts since a gateway last served the client. */
    public int failures() {
        return failures;
    }
}
