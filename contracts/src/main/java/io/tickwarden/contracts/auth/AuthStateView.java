package io.tickwarden.contracts.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;

/**
 * The auth snapshot: body of {@code GET /api/auth/state} and value of the Redis key {@code auth:state}.
 * Never carries the access token. Serialise with snake_case names ({@code is_valid}, {@code token_version}...).
 *
 * <p>Example:
 * <pre>{@code
 * {"state":"VALID","is_valid":true,"requires_login":false,"reason":"LOGIN","message":"Token valid",
 * "user_id":"ZS1234","user_name":"Demo User","login_time":"2026-11-23T08:45:10+05:30",
 * "expires_at":"2026-11-24T06:00:00+05:30","token_age_hours":0.5,
 * "last_validated_at":"2026-11-23T09:15:00+05:30","last_error":"Kite unreachable: connect timed out",
 * "last_error_at":"2026-11-23T09:10:00+05:30","token_version":3,"state_since":"2026-11-23T08:45:10+05:30",
 * "updated_at":"2026-11-23T09:15:10+05:30","login_url":"http://localhost:8082/api/auth/login"}
 * }</pre>
 *
 * @param state           {@code VALID}, {@code EXPIRED}, {@code REQUIRED} or {@code REFRESHING}
 * @param reason          machine-readable cause of the current state, e.g. {@code LOGIN}, {@code DAILY_EXPIRY}
 * @param message         the same for humans
 * @param tokenVersion    version of the token stored at {@code auth:token}; null when there is none
 * @param tokenAgeHours   hours since {@code login_time}
 * @param lastError       last transient failure (Kite unreachable, 5xx); it does not change the state
 * @param stateSince      when the current state began
 * @param updatedAt       when this snapshot was last written; rewritten periodically so readers can detect a
 *                        stale snapshot (auth-service gone)
 * @param loginUrl        where a human starts the Kite login
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuthStateView(
        String state,
        boolean isValid,
        boolean requiresLogin,
        String reason,
        String message,
        String userId,
        String userName,
        OffsetDateTime loginTime,
        OffsetDateTime expiresAt,
        Double tokenAgeHours,
        OffsetDateTime lastValidatedAt,
        String lastError,
        OffsetDateTime lastErrorAt,
        Long tokenVersion,
        OffsetDateTime stateSince,
        OffsetDateTime updatedAt,
        String loginUrl) {}
