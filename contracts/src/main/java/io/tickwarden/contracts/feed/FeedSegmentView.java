package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One exchange segment as the feed sees it, in {@link FeedStateView#segments()}: its phase from session-service
 * ({@code market:session:<EXCHANGE>:<SEGMENT>}), whether the feed keeps sockets open for it and expects ticks, how
 * many held instruments belong to it, and the age of its last tick.
 *
 * <p>Example:
 * <pre>{@code
 * {"segment":"NSE:CM","phase":"LIVE","open":true,"ticks_expected":true,"instruments":120,
 * "last_tick_seconds_ago":0.4}
 * }</pre>
 *
 * @param segment               {@code EXCHANGE:SEGMENT}, e.g. {@code NSE:CM}, {@code NSE:FO}, {@code MCX:COM}
 * @param phase                 session-service's phase, or null when no snapshot was read (then treated as open)
 * @param open                  the schedule keeps sockets open for this segment (open, or about to open)
 * @param ticks_expected        silence counts as a stall and the REST fallback may run (LIVE, CLOSING_AUCTION)
 * @param instruments           held instruments of this segment
 * @param last_tick_seconds_ago age of this segment's last tick (null: none yet)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedSegmentView(
        String segment,
        String phase,
        boolean open,
        boolean ticks_expected,
        int instruments,
        Double last_tick_seconds_ago) {}
