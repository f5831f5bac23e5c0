package io.tickwarden.auth.health;

import io.tickwarden.auth.redis.ReportSubscriber;
import io.tickwarden.auth.service.AuthLifecycle;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the state has been read back from Redis (until then we could only guess it) and the token
 * reports channel is subscribed. Redis itself is covered by Quarkus' own Redis readiness check.
 */
@Readiness
@Singleton
public class AuthReadiness implements HealthCheck {

    private final AuthLifecycle lifecycle;
    private final ReportSubscriber reports;

    AuthReadiness(AuthLifecycle lifecycle, ReportSubscriber reports) {
        this.lifecycle = lifecycle;
        this.reports = reports;
    }

    @Override
    public HealthCheckResponse call() {
        boolean restored = lifecycle.isRestored();
        boolean listening = reports.isSubscribed();
        return HealthCheckResponse.named("auth-state")
                .status(restored && listening)
                .withData("state_restored", restored)
                .withData("reports_subscribed", listening)
                .withData("state", lifecycle.current().state().name())
                .build();
    }
}
