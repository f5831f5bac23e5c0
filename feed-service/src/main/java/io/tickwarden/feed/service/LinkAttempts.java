package io.tickwarden.feed.service;

import io.tickwarden.feed.domain.RetrySchedule;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * One socket's connect attempts: the generation that makes callbacks of a superseded attempt harmless, the
 * handshake in flight, the token version it used, and the backoff ({@link RetrySchedule}), reset by the first
 * data after a connect. Threading: called with the owning {@link UpstreamLink}'s lock held; the values views read
 * are volatile.
 */
final class LinkAttempts {

    private static final Logger LOG = Logger.getLogger(UpstreamLink.class);

    private final int socket;
    private final RetrySchedule retry;
    private final FeedMetrics metrics;
    private long generation;
    private boolean connecting;
    private Instant startedAt;
    private long tokenVersion;
    private boolean dataSeen;
    private volatile long started;

    LinkAttempts(int socket, RetrySchedule retry, FeedMetrics metrics) {
        this.socket = socket;
        this.retry = retry;
        this.metrics = metrics;
    }

    /** A handshake starts; returns its generation. */
    long start(Instant now, long usingTokenVersion) {
        connecting = true;
        startedAt = now;
        tokenVersion = usingTokenVersion;
        started++;
        return ++generation;
    }

    /** Whether a callback belongs to the latest attempt (it ends the attempt when it does). */
    boolean finish(long attempt) {
        if (attempt != generation) {
            return false;
        }
        connecting = false;
        return true;
    }

    /** Our own close or a timeout: a handshake in flight no longer counts. */
    void abandon() {
        if (connecting) {
            generation++;
            connecting = false;
        }
    }

    void connected() {
        dataSeen = false;
    }

    /** The first data after a connect ends the backoff. */
    void dataArrived() {
        if (!dataSeen) {
            dataSeen = true;
            retry.dataArrived();
        }
    }

    /** The next attempt after backoff; {@code failure} also counts a failure. */
    void later(Instant now, String cause, boolean failure) {
        var delay = failure ? retry.failed(now) : retry.later(now);
        metrics.reconnect(cause);
        LOG.debugf("socket %d: next connect attempt in %d ms (%s)", socket, delay.toMillis(), cause);
    }

    boolean connecting() {
        return connecting;
    }

    Instant startedAt() {
        return startedAt;
    }

    long tokenVersion() {
        return tokenVersion;
    }

    long started() {
        return started;
    }

    RetrySchedule retry() {
        return retry;
    }
}
