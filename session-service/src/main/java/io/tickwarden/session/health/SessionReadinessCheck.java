package io.tickwarden.session.health;

import io.tickwarden.session.domain.SessionEngine;
import io.tickwarden.session.service.OverrideService;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the overrides have been read from Redis: before that we could announce LIVE while an operator
 * has closed the market. (Redis reachability itself is the Redis extension's own readiness check.)
 */
@Readiness
@Singleton
public class SessionReadinessCheck implements HealthCheck {

    private final SessionEngine engine;
    private final OverrideService overrides;

    public SessionReadinessCheck(SessionEngine engine, OverrideService overrides) {
        this.engine = engine;
        this.overrides = overrides;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("market-session")
                .status(overrides.loaded())
                .withData("calendar", engine.calendar().origin())
                .withData("calendar_rows", engine.calendar().size())
                .withData("overrides_loaded", overrides.loaded())
                .withData("overrides", overrides.current().size())
                .build();
    }
}
