package io.tickwarden.session.domain;

import io.tickwarden.contracts.session.MarketPhase;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What the engine says about one market at one instant. {@code phaseStartedAt} and {@code nextChangeAt} are
 * null only when no change lies within the engine's horizon.
 */
public record SessionState(
        Market market,
        Instant at,
        MarketPhase phase,
        String reason,
        String description,
        Instant phaseStartedAt,
        MarketPhase nextPhase,
        Instant nextChangeAt,
        LocalDate tradingDay,
        boolean isTradingDay,
        Instant randomCloseFrom,
        Instant randomCloseTo,
        boolean calendarPublished) {}
