package io.tickwarden.gateway.domain;

import java.time.Instant;

/**
 * The fields of the three snapshot keys that the priority rules use. Parsed by
 * {@code io.tickwarden.gateway.redis.UpstreamFormats}; everything else is passed through untouched.
 */
public final class UpstreamViews {

    private UpstreamViews() {
    }

    /** {@code market:session:<EXCHANGE>}; {@code writtenAt} is null when the session clock is simulated. */
    public record Market(String phase, String title, String description, Boolean isTradingHours, String nextPhase,
                         String nextChangeAt, Long secondsToNextPhase, String reason, boolean clockSimulated,
                         Instant writtenAt) {
    }

    /** {@code auth:state}. */
    public record Auth(String state, Boolean isValid, Boolean requiresLogin, String message, String loginUrl,
                       Instant writtenAt) {

        public boolean needsLogin() {
            return Boolean.TRUE.equals(requiresLogin) || "EXPIRED".equals(state) || "REQUIRED".equals(state);
        }
    }

    /** {@code feed:state}. */
    public record Feed(String state, String mode, Boolean isHealthy, String connectionQuality,
                       Double lastTickSecondsAgo, String reason, String lastError, Instant writtenAt) {

        public boolean usingRestFallback() {
            return "REST_POLLING".equals(mode);
        }
    }

    /** One snapshot as the gateway currently believes it. {@code view} is null unless FRESH or STALE. */
    public record Snapshot<T>(T view, Freshness freshness, Double ageSeconds, String problem) {

        public boolean fresh() {
            return freshness == Freshness.FRESH && view != null;
        }
    }
}
