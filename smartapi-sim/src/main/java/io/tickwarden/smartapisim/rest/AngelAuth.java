package io.tickwarden.smartapisim.rest;

import io.tickwarden.smartapisim.domain.AngelErrors;
import io.tickwarden.smartapisim.service.SessionRegistry;
import io.tickwarden.smartapisim.service.SimStats;
import jakarta.inject.Singleton;

/**
 * Checks {@code Authorization: Bearer <jwt>} on the secure calls: no header is AG8003, an invalid, expired or
 * logged-out JWT is AG8001 "Invalid Token".
 */
@Singleton
public class AngelAuth {

    private final SessionRegistry sessions;
    private final SimStats stats;

    AngelAuth(SessionRegistry sessions, SimStats stats) {
        this.sessions = sessions;
        this.stats = stats;
    }

    public SessionRegistry.Grant require(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            stats.invalidTokenAnswers.incrementAndGet();
            throw new AngelApiException(AngelErrors.TOKEN_MISSING);
        }
        return sessions.validateJwt(authorization).orElseThrow(() -> {
            stats.invalidTokenAnswers.incrementAndGet();
            return new AngelApiException(AngelErrors.INVALID_TOKEN);
        });
    }
}
