package io.tickwarden.feed.health;

import io.tickwarden.feed.service.FeedSupervisor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: DOWN only if the supervisor's control loop has stopped running, the one failure a restart fixes.
 * A disconnected feed, a blocked token or a standby role are not liveness problems (restarting would not help).
 * Readiness is Quarkus's Redis check: without Redis the feed can neither lead nor publish.
 */
@Liveness
public class FeedLoopHealth implements HealthCheck {

    private static final Duration STUCK_AFTER = Duration.ofSeconds(60);

    private final FeedSupervisor supervisor;
    private final Clock clock;

    FeedLoopHealth(FeedSupervisor supervisor, Clock clock) {
        this.supervisor = supervisor;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Instant last = supervisor.lastControlAt();
        boolean stuck = last != null && Duration.between(last, clock.instant()).compareTo(STUCK_AFTER) > 0;
        return HealthCheckResponse.named("feed-control-loop")
                .status(!stuck)
                .withData("state", supervisor.state().name())
                .withData("mode", supervisor.mode().name())
                .withData("leader", supervisor.isLeader())
                .build();
    }
}
