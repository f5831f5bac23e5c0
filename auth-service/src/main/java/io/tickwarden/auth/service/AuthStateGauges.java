package io.tickwarden.auth.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.tickwarden.auth.domain.AuthStatus;
import io.tickwarden.contracts.auth.AuthState;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The lifecycle's gauges: {@code auth_state{state}} and {@code auth_token_expires_in_seconds}. */
@Startup
@Singleton
public class AuthStateGauges {

    private final AuthLifecycle lifecycle;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final List<Meter> gauges = new ArrayList<>();

    AuthStateGauges(AuthLifecycle lifecycle, Clock clock, MeterRegistry metrics) {
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.metrics = metrics;
        for (AuthState state : AuthState.values()) {
            gauges.add(Gauge.builder(
                            "auth.state", this, me -> me.lifecycle.current().state() == state ? 1 : 0)
                    .tag("state", state.name())
                    .description("1 for the current auth state")
                    .strongReference(true)
                    .register(metrics));
        }
        gauges.add(Gauge.builder("auth.token.expires.in.seconds", this, AuthStateGauges::secondsToExpiry)
                .description(
                        "Seconds until the stored token dies (Kite: 06:00 IST; Angel One: the JWT's exp); 0 when none")
                .strongReference(true)
                .register(metrics));
    }

    /** Gauges hold this object: unregister them with it (a restarted app in the same JVM registers anew). */
    @PreDestroy
    void unregisterGauges() {
        gauges.forEach(metrics::remove);
    }

    private double secondsToExpiry() {
        AuthStatus s = lifecycle.current();
        if (s.token() == null || s.token().expiresAt() == null) {
            return 0;
        }
        return Math.max(
                0,
                Duration.between(clock.instant(), s.token().expiresAt().toInstant())
                        .toSeconds());
    }
}
