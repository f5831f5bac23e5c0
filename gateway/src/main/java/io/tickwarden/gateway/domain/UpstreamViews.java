package io.tickwarden.gateway.domain;

import io.tickwarden.contracts.auth.AuthState;
import io.tickwarden.contracts.feed.FeedMode;
import java.time.Instant;
import java.util.Map;

/**
 * The fields of the three snapshot keys that the priority rules use, taken from the contract records by
 * {@code io.tickwarden.gateway.redis.UpstreamFormats}; the health report passes the rest through untouched.
 */
public final class UpstreamViews {

    private UpstreamViews() {}

    /**
     * {@code market:session:<EXCHANGE>}; {@code writtenAt} is null when the session clock is simulated, {@code segment}
     * ({@code CM}) is the segment the snapshot describes, null if it does not say.
     */
    public record Market(
            String phase,
            String title,
            String description,
            Boolean isTradingHours,
            String nextPhase,
            String nextChangeAt,
            Long secondsToNextPhase,
            String reason,
            boolean clockSimulated,
            Instant writtenAt,
            String segment) {}

    /** {@code auth:state}. */
    public record Auth(
            String state, Boolean isValid, Boolean requiresLogin, String message, String loginUrl, Instant writtenAt) {

        public boolean needsLogin() {
            return Boolean.TRUE.equals(requiresLogin)
                    || AuthState.EXPIRED.name().equals(state)
                    || AuthState.REQUIRED.name().equals(state);
        }
    }

    /**
     * {@code feed:state}. {@code segmentInstruments} is the held instruments per segment ({@code NSE:CM} -> 12) from
     * its {@code segments} list, or null when the feed does not report segments (before per-segment clocks).
     */
    public record Feed(
            String state,
            String mode,
            Boolean isHealthy,
            String connectionQuality,
            Double lastTickSecondsAgo,
            String reason,
            String lastError,
            Instant writtenAt,
            Map<String, Integer> segmentInstruments,
            String broker) {

        /** Whether the feed says it holds instruments of {@code segment}; false when it does not report segments. */
        public boolean holds(String segment) {
            return segmentInstruments != null && segmentInstruments.getOrDefault(segment, 0) > 0;
        }

        public boolean usingRestFallback() {
            return FeedMode.REST_POLLING.name().equals(mode);
        }
    }

    /** One exchange segment's session key {@code market:session:<EXCHANGE>:<SEGMENT>}; {@code id} is "NSE:CM". */
    public record Segment(String id, Snapshot<Market> session) {

        public String exchange() {
            int colon = id.indexOf(':');
            return colon < 0 ? id : id.substring(0, colon);
        }
    }

    /** One snapshot as the gateway currently believes it. {@code view} is null unless FRESH or STALE. */
    public record Snapshot<T>(T view, Freshness freshness, Double ageSeconds, String problem) {

        public boolean fresh() {
            return freshness == Freshness.FRESH && view != null;
        }
    }
}
