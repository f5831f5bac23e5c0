package io.tickwarden.contracts.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;

/**
 * What a token user (feed-service) publishes on the Redis channel {@code auth.reports} when Kite refuses the
 * token, e.g. HTTP 403 at the ticker handshake. auth-service then verifies the token at once (rate limited)
 * and transitions.
 * Never put the token in {@code detail}.
 *
 * <p>Example:
 * <pre>{@code
 * {"type":"handshake_rejected","source":"feed-service","token_version":3,"at":"2026-11-23T09:14:02+05:30",
 * "http_status":403,"detail":"ticker handshake refused with HTTP 403"}
 * }</pre>
 *
 * @param tokenVersion the version the reporter used (from {@code auth:token}); reports about an older version
 *                     than the current one are ignored
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuthReport(
        String type, String source, Long tokenVersion, OffsetDateTime at, Integer httpStatus, String detail) {

    public static final String TYPE_HANDSHAKE_REJECTED = "handshake_rejected";
    public static final String TYPE_TOKEN_REJECTED = "token_rejected";
}
