package io.tickwarden.contracts.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Published on the Redis channel {@code market.session.overrides} when an operator adds or removes a
 * same-day override. The phase effect itself is also published as a {@link PhaseChangedEvent} on
 * {@code market.session}, so a consumer of phases alone needs nothing from this channel.
 *
 * @param type     {@code override_added} or {@code override_removed}
 * @param override the override as stored in Redis (same fields as {@code GET /api/session/overrides})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OverrideChangedEvent(String type, String id, String exchange, String at, Object override) {
}
