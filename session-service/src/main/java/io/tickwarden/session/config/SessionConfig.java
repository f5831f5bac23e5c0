package io.tickwarden.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Typed configuration of the session service; every entry can be set by its environment variable. */
@ConfigMapping(prefix = "session")
public interface SessionConfig {

    /**
     * SESSION_CLOCK_START: ISO instant or offset date-time at which a simulated clock starts; absent = real clock;
     * {@code auto} = the real clock while NSE is open, else a simulated clock from the next open instant (demo).
     */
    Optional<String> clockStart();

    /** SESSION_CLOCK_SPEED: how many simulated seconds pass per real second. */
    @WithDefault("1")
    double clockSpeed();

    /** ADMIN_API_KEY: bearer key for the override endpoints. */
    String adminApiKey();

    /** SESSION_CALENDAR_FILE: replaces the bundled calendar (holidays, special sessions) without a rebuild. */
    Optional<String> calendarFile();

    /** SESSION_TIMING_FILE: replaces the bundled effective-dated timing rules without a rebuild. */
    Optional<String> timingFile();

    /** SESSION_SNAPSHOT_INTERVAL: how often snapshots are re-written and re-published for late joiners (wall time). */
    @WithDefault("15s")
    Duration snapshotInterval();

    /** SESSION_REDIS_RETRY: how soon a failed Redis write is retried (wall time). */
    @WithDefault("2s")
    Duration redisRetry();
}
