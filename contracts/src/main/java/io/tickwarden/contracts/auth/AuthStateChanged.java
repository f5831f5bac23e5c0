package io.tickwarden.contracts.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;

/**
 * Published on the Redis channel {@code auth.state} at every transition, and when a new token replaces the
 * old one in the same state (then {@code from} equals {@code to} and {@code token_version} changes).
 *
 * <p>Example:
 * <pre>{@code
 * {"type":"auth_state_changed","from":"VALID","to":"EXPIRED","at":"2026-11-24T06:00:00+05:30",
 * "reason":"DAILY_EXPIRY","token_version":3,"message":"The Kite token expired at 06:00 IST; log in again"}
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuthStateChanged(
        String type, String from, String to, OffsetDateTime at, String reason, Long tokenVersion, String message) {

    public static final String TYPE = "auth_state_changed";
}
