package io.tickwarden.kitesim.service;

import io.tickwarden.kitesim.config.SimConfig;
import io.tickwarden.sim.SimClock;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request and access tokens as Kite issues them: request tokens are single-use and short-lived; access tokens
 * live until 06:00 IST the next day by the sim's clock, or until logout or {@code /sim/tokens/expire}.
 */
@Singleton
public class TokenRegistry {

    private static final LocalTime EXPIRY_TIME_IST = LocalTime.of(6, 0);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public record AccessGrant(
            String apiKey, String accessToken, String publicToken, Instant loginTime, Instant expiresAt) {}

    private record RequestGrant(String apiKey, Instant issuedAt) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, RequestGrant> requestTokens = new ConcurrentHashMap<>();
    private final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
    private final SimClock clock;
    private final SimConfig config;

    TokenRegistry(SimClock clock, SimConfig config) {
        this.clock = clock;
        this.config = config;
    }

    public String issueRequestToken(String apiKey) {
        String token = randomToken(32);
        requestTokens.put(token, new RequestGrant(apiKey, clock.now()));
        return token;
    }

    /** Consumes the request token (single use) and returns whether it was valid for this api_key. */
    public boolean consumeRequestToken(String apiKey, String requestToken) {
        RequestGrant grant = requestTokens.remove(requestToken);
        return grant != null
                && grant.apiKey().equals(apiKey)
                && grant.issuedAt().plus(config.requestTokenTtl()).isAfter(clock.now());
    }

    public AccessGrant issueAccessToken(String apiKey) {
        Instant now = clock.now();
        ZonedDateTime ist = now.atZone(SimClock.IST);
        ZonedDateTime expiry = ist.toLocalDate().atTime(EXPIRY_TIME_IST).atZone(SimClock.IST);
        if (!expiry.isAfter(ist)) {
            expiry = expiry.plusDays(1);
        }
        AccessGrant grant = new AccessGrant(apiKey, randomToken(32), randomToken(32), now, expiry.toInstant());
        accessTokens.put(grant.accessToken(), grant);
        return grant;
    }

    public Optional<AccessGrant> validate(String apiKey, String accessToken) {
        if (apiKey == null || accessToken == null) {
            return Optional.empty();
        }
        AccessGrant grant = accessTokens.get(accessToken);
        if (grant == null || !grant.apiKey().equals(apiKey) || !clock.now().isBefore(grant.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    public boolean revoke(String apiKey, String accessToken) {
        AccessGrant grant = accessTokens.get(accessToken);
        if (grant == null || !grant.apiKey().equals(apiKey)) {
            return false;
        }
        return accessTokens.remove(accessToken) != null;
    }

    /** Every issued access token stops working, as after a master logout. */
    public int expireAll() {
        int count = accessTokens.size();
        accessTokens.clear();
        return count;
    }

    public void reset() {
        requestTokens.clear();
        accessTokens.clear();
    }

    private String randomToken(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
