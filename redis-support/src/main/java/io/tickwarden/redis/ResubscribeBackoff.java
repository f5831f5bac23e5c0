package io.tickwarden.redis;

/**
 * How long {@link ResilientSubscription} waits before its next attempt to subscribe again. For the first
 * {@code steadyWindow} after a working subscription is lost it retries every {@code initial} (jittered): that is
 * where a Sentinel failover ends (down-after 1 s, then the promotion), and an exponential backoff would have grown
 * to seconds by the time the new primary answers (clients saw a 5 s gap). After the window, a Redis that stays
 * away gets the usual exponential backoff up to {@code max}. Pure: the time since the loss and the random draw are
 * passed in.
 */
public final class ResubscribeBackoff {

    private final long initialMs;
    private final long maxMs;
    private final long steadyWindowMs;
    private long backoffMs;

    public ResubscribeBackoff(long initialMs, long maxMs, long steadyWindowMs) {
        this.initialMs = Math.max(1, initialMs);
        this.maxMs = Math.max(this.initialMs, maxMs);
        this.steadyWindowMs = Math.max(0, steadyWindowMs);
        this.backoffMs = this.initialMs;
    }

    /**
     * The delay before the next attempt, {@code sinceLossMs} after the subscription was lost; {@code random} in
     * [0, 1) spreads the attempts of many subscribers (half to all of the nominal delay).
     */
    public long next(long sinceLossMs, double random) {
        long nominal;
        if (sinceLossMs < steadyWindowMs) {
            nominal = initialMs;
        } else {
            nominal = backoffMs;
            backoffMs = Math.min(maxMs, backoffMs * 2);
        }
        return Math.max(1, Math.round(nominal * (0.5 + random * 0.5)));
    }

    /** After a successful subscription: the next loss starts with the steady retries again. */
    public void reset() {
        backoffMs = initialMs;
    }
}
