package io.tickwarden.auth.service.angel;

import io.tickwarden.auth.service.KiteGateway.ProfileCheck;
import jakarta.inject.Singleton;

/**
 * BROKER=angel's answer to "is the stored token alive?": getProfile with the session's JWT, in the same three
 * outcomes as Kite's profile check so the lifecycle treats both brokers alike. {@code AG8001} (invalid or expired
 * JWT) is a rejection; unreachable, 5xx and rate limits say nothing about the session.
 */
@Singleton
public class AngelSessionCheck {

    private final AngelGateway gateway;

    AngelSessionCheck(AngelGateway gateway) {
        this.gateway = gateway;
    }

    /** @param sealedPlaintext the opened {@code auth:token} ciphertext (AngelSessionCredential JSON) */
    public ProfileCheck check(String sealedPlaintext) {
        String jwt;
        try {
            jwt = AngelCredentialJson.read(sealedPlaintext).jwt();
        } catch (IllegalArgumentException e) {
            return new ProfileCheck.Rejected(e.getMessage());
        }
        return switch (gateway.profile(jwt)) {
            case AngelResult.Ok<AngelResult.Profile> ok ->
                new ProfileCheck.Accepted(ok.value().name());
            case AngelResult.TokenRejected<AngelResult.Profile> r -> new ProfileCheck.Rejected(r.message());
            case AngelResult.CredentialsRefused<AngelResult.Profile> r -> new ProfileCheck.Rejected(r.message());
            case AngelResult.RateLimited<AngelResult.Profile> r -> new ProfileCheck.Unavailable(r.message());
            case AngelResult.Unavailable<AngelResult.Profile> r -> new ProfileCheck.Unavailable(r.message());
        };
    }
}
