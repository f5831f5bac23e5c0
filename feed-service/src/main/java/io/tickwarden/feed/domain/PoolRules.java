package io.tickwarden.feed.domain;

import io.tickwarden.contracts.feed.FeedMode;
import io.tickwarden.contracts.feed.FeedState;
import java.util.List;

/**
 * The feed's one state and mode from its sockets' (the contract has one {@code state}; each socket is in
 * {@code sockets}). Pure.
 * <ul>
 *   <li>No socket active (all idle: no instruments, or their segments closed): IDLE.</li>
 *   <li>Otherwise the worst active socket's state, in the order ERROR, STALE, DISCONNECTED, CONNECTING,
 *       CONNECTED, with its reason: one socket down is the feed degraded, and says why.</li>
 *   <li>Mode: REST_POLLING while any socket's instruments are polled; else WEBSOCKET while any socket delivers
 *       data; else NONE.</li>
 * </ul>
 */
public final class PoolRules {

    /** One socket as the aggregate sees it; {@code active}: wanted open now (not IDLE). */
    public record LinkStatus(int socket, FeedState state, FeedMode mode, String reason) {
        boolean active() {
            return state != FeedState.IDLE;
        }
    }

    public record Summary(FeedState state, FeedMode mode, String reason) {}

    private static final List<FeedState> WORST_FIRST = List.of(
            FeedState.AUTH_BLOCKED,
            FeedState.ERROR,
            FeedState.STALE,
            FeedState.DISCONNECTED,
            FeedState.CONNECTING,
            FeedState.CONNECTED);

    private PoolRules() {}

    public static Summary aggregate(List<LinkStatus> links, String idleReason) {
        LinkStatus worst = null;
        boolean polling = false;
        boolean websocket = false;
        for (LinkStatus l : links) {
            if (!l.active()) {
                continue;
            }
            polling |= l.mode() == FeedMode.REST_POLLING;
            websocket |= l.mode() == FeedMode.WEBSOCKET;
            if (worst == null || rank(l.state()) < rank(worst.state())) {
                worst = l;
            }
        }
        if (worst == null) {
            return new Summary(FeedState.IDLE, FeedMode.NONE, idleReason);
        }
        FeedMode mode = polling ? FeedMode.REST_POLLING : websocket ? FeedMode.WEBSOCKET : FeedMode.NONE;
        return new Summary(worst.state(), mode, worst.reason());
    }

    private static int rank(FeedState state) {
        int i = WORST_FIRST.indexOf(state);
        return i < 0 ? WORST_FIRST.size() : i;
    }
}
