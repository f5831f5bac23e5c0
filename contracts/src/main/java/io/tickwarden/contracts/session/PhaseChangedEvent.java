package io.tickwarden.contracts.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Published on the Redis channel {@code market.session} at each phase transition of each exchange segment.
 * {@code type} is always {@code phase_changed}; {@code at} is the transition instant (or the moment an
 * override took effect), {@code from} may be null for the first event after start-up.
 * Component names are the JSON names (see {@link MarketSessionSnapshot}).
 *
 * <p>Example:
 * <pre>{@code
 * {"type":"phase_changed","exchange":"NSE","segment":"CM","from":"AUCTION_FREEZE","to":"LIVE",
 * "at":"2026-11-23T09:15:00+05:30","next_phase":"CLOSING_AUCTION","next_change_at":"2026-11-23T15:30:00+05:30",
 * "reason":null}
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PhaseChangedEvent(
        String type,
        String exchange,
        String segment,
        String from,
        String to,
        String at,
        String next_phase,
        String next_change_at,
        String reason) {

    public static final String TYPE = "phase_changed";
}
