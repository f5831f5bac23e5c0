package io.tickwarden.feed.service;

import io.tickwarden.contracts.feed.FeedMode;
import io.tickwarden.contracts.feed.FeedState;
import org.jboss.logging.Logger;

/**
 * One socket's state, mode and reason, and whether its instruments are covered by REST polls. The mode is the
 * socket's publish gate: WebSocket data ends polling, and REST results are published only while polling, both
 * under the owning {@link UpstreamLink}'s lock, so a late poll is discarded, never published. Threading: mutators
 * are called with that lock held; the values are volatile for lock-free views.
 */
final class LinkState {

    private static final Logger LOG = Logger.getLogger(UpstreamLink.class);

    private final int socket;
    private volatile FeedState state = FeedState.IDLE;
    private volatile FeedMode mode = FeedMode.NONE;
    private volatile String reason = "no instruments";
    private volatile boolean polling;

    LinkState(int socket) {
        this.socket = socket;
    }

    /** A state while the socket is not delivering: the mode stays REST_POLLING if polling, else NONE. */
    boolean down(FeedState to, String why) {
        return set(to, polling ? FeedMode.REST_POLLING : FeedMode.NONE, why);
    }

    /** Not wanted now: IDLE, and no more polling. */
    void idle(String why) {
        polling = false;
        set(FeedState.IDLE, FeedMode.NONE, why);
    }

    /** WebSocket data: CONNECTED/WEBSOCKET, polling ends; true when that changed anything. */
    boolean data() {
        if (polling) {
            polling = false;
            LOG.infof("socket %d: WebSocket data again; REST polling of its instruments stops", socket);
        }
        return set(FeedState.CONNECTED, FeedMode.WEBSOCKET, "websocket data");
    }

    /** Starts or stops covering the socket's instruments by REST polls; true when it changed. */
    boolean polling(boolean want) {
        if (want == polling) {
            return false;
        }
        polling = want;
        set(state, want ? FeedMode.REST_POLLING : FeedMode.NONE, want ? "rest_fallback" : "rest_fallback_stopped");
        return true;
    }

    boolean isPolling() {
        return polling;
    }

    boolean set(FeedState to, FeedMode toMode, String why) {
        if (to == state && toMode == mode) {
            return false;
        }
        LOG.debugf("socket %d %s/%s -> %s/%s: %s", socket, state, mode, to, toMode, why);
        state = to;
        mode = toMode;
        reason = why;
        return true;
    }

    FeedState state() {
        return state;
    }

    FeedMode mode() {
        return mode;
    }

    String reason() {
        return reason;
    }
}
