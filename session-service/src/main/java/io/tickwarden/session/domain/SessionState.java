package io.tickwarden.session.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the engine says about one market at one instant. {@code phaseStartedAt} and {@code nextChangeAt} are
 * null only when no change lies within the engine's horizon.
 */
public record SessionState(Market market, Instant at, Phase phase, String reason, String description,
                           Instant phaseStartedAt, Phase nextPhase, Instant nextChangeAt,
                           LocalDate tradingDay, boolean isTradingDay,
                           Instant randomCloseFrom, Instant randomCloseTo, boolean calendarPublished) {
}
