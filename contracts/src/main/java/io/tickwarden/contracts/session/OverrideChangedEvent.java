package io.tickwarden.contracts.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Published on the Redis channel {@code market.session.overrides} when an operator adds or removes a
 * same-day override. The phase effect itself is also published as a {@link PhaseChangedEvent} on
 * {@code market.session}, so a consumer of phases alone needs nothing from this channel.
 *
 * <p>Example:
 * <pre>{@code
 * {"type":"override_added","id":"ovr-1","exchange":"NSE","at":"2026-11-23T11:02:00+05:30",
 * "override":{"id":"ovr-1","exchange":"NSE","phase":"CLOSED","reason":"technical glitch"}}
 * }</pre>
 *
 * @param type     {@code override_added} or {@code override_removed}
 * @param override the override as stored in Redis (same fields as {@code GET /api/session/overrides})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OverrideChangedEvent(String type, String id, String exchange, String at, Object override) {}
