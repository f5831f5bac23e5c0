package io.tickwarden.bench.pubsub;

/**
 * The measured window in the publisher's stamp time (nanoseconds since the shared base). Publisher and subscribers
 * count a message by its stamp, not by when the scenario looks, so a message in flight at the window's end is
 * counted on both sides and "delivered / published" compares the same messages.
 */
public final class Window {

    private volatile long start = Long.MAX_VALUE;
    private volatile long end = Long.MAX_VALUE;

    public void open(long startNanos, long endNanos) {
        end = endNanos;
        start = startNanos;
    }

    public boolean contains(long stampNanos) {
        return stampNanos >= start && stampNanos < end;
    }
}
