package io.tickwarden.session.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.contracts.session.MarketPhase;
import io.tickwarden.session.domain.Market;
import io.tickwarden.session.domain.Markets;
import io.tickwarden.session.domain.SessionState;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Prometheus view of the market clock: {@code session_phase{exchange,segment,phase}} is 1 for the current phase,
 * {@code session_seconds_to_next_phase{exchange,segment}} counts down to the next change. Computed on scrape from
 * the same engine the API uses, so it can never disagree with it.
 */
@Singleton
public class SessionMetrics {

    private final SessionService sessions;
    private final MeterRegistry registry;

    SessionMetrics(SessionService sessions, MeterRegistry registry) {
        this.sessions = sessions;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        for (Market market : Markets.all()) {
            for (MarketPhase phase : MarketPhase.values()) {
                Gauge.builder("session_phase", () -> state(market).phase() == phase ? 1.0 : 0.0)
                        .tags("exchange", market.exchange(), "segment", market.segment(), "phase", phase.name())
                        .description("1 for the market's current phase")
                        .register(registry);
            }
            Gauge.builder("session_seconds_to_next_phase", () -> secondsToNext(market))
                    .tags("exchange", market.exchange(), "segment", market.segment())
                    .description("Seconds until the next phase change (-1: none known)")
                    .register(registry);
        }
        Gauge.builder("session_clock_simulated", () -> sessions.simulated() ? 1.0 : 0.0)
                .description("1 while the session clock is simulated (demo, tests)")
                .register(registry);
    }

    private SessionState state(Market market) {
        return sessions.state(sessions.now(), market);
    }

    private double secondsToNext(Market market) {
        SessionState s = state(market);
        return s.nextChangeAt() == null
                ? -1
                : Math.max(0, Duration.between(sessions.now(), s.nextChangeAt()).toSeconds());
    }
}
