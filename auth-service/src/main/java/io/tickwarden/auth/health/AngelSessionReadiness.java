package io.tickwarden.auth.health;

import io.tickwarden.auth.domain.AngelLoginAttempts;
import io.tickwarden.auth.service.angel.AngelSessionKeeper;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * BROKER=angel: DOWN while no login can work without a human (a setting is missing, or Angel refused the PIN/TOTP
 * twice and automatic login stopped), with {@code problem} saying what to fix. Readiness, not liveness: a restart
 * would not fix a secret, and restarts that each retry a wrong PIN could lock the account. Always UP with Kite.
 */
@Readiness
@Singleton
public class AngelSessionReadiness implements HealthCheck {

    private final AngelSessionKeeper angel;

    AngelSessionReadiness(AngelSessionKeeper angel) {
        this.angel = angel;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("broker-session");
        if (!angel.enabled()) {
            return response.up()
                    .withData("broker", "kite")
                    .withData("login", "by a human")
                    .build();
        }
        String problem = angel.problem();
        AngelLoginAttempts attempts = angel.attempts();
        response.status(problem == null)
                .withData("broker", "angel")
                .withData("login", angel.paused() ? "paused (logged out by an operator)" : "automatic")
                .withData("consecutive_refused_logins", attempts.refusedInARow())
                .withData("consecutive_failures", attempts.failuresInARow());
        if (attempts.nextAttemptAt() != null) {
            response.withData("next_attempt_at", attempts.nextAttemptAt().toString());
        }
        if (problem != null) {
            response.withData("problem", problem);
        }
        return response.build();
    }
}
