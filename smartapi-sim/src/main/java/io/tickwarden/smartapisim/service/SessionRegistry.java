package io.tickwarden.smartapisim.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.sim.SimClock;
import io.tickwarden.smartapisim.config.SimConfig;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions as Angel issues them: a login opens a session with a refresh token; each JWT (and the feed token issued
 * with it) lives until its {@code exp} by the sim's clock, until logout, or until {@code /sim/tokens/expire}.
 * {@code generateTokens} mints a new JWT and feed token in the same session; the old JWT stays valid until its exp.
 */
@Singleton
public class SessionRegistry {

    /** A live JWT or feed token: whose it is, in which session, until when. */
    public record Grant(String sessionId, String clientCode, Instant expiresAt) {}

    /** What a login or a refresh hands out. */
    public record Tokens(String jwt, String refreshToken, String feedToken, Instant expiresAt) {}

    private record Session(String id, String clientCode, String refreshToken) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Grant> jwts = new ConcurrentHashMap<>();
    private final Map<String, Grant> feedTokens = new ConcurrentHashMap<>();
    private final SimClock clock;
    private final SimConfig config;
    private final JwtCodec codec;

    SessionRegistry(SimClock clock, SimConfig config, ObjectMapper json) {
        this.clock = clock;
        this.config = config;
        this.codec = new JwtCodec(json);
    }

    /** Opens a session for a client whose credentials were checked. */
    public Tokens open(String clientCode) {
        String sessionId = UUID.randomUUID().toString();
        Map<String, Object> refresh = new LinkedHashMap<>();
        refresh.put("token", "REFRESH-TOKEN");
        refresh.put("sub", clientCode);
        refresh.put("sid", sessionId);
        refresh.put("iat", clock.now().getEpochSecond());
        Session session = new Session(sessionId, clientCode, codec.sign(refresh));
        sessions.put(sessionId, session);
        return issue(session);
    }

    /**
     * A valid JWT: signed here, not expired by the sim's clock, not logged out or expired by the controls. Accepts
     * the bare token or {@code Bearer <token>}.
     */
    public Optional<Grant> validateJwt(String jwt) {
        String token = bare(jwt);
        if (token == null) {
            return Optional.empty();
        }
        Grant grant = jwts.get(token);
        if (grant == null
                || !clock.now().isBefore(grant.expiresAt())
                || codec.verify(token).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    /**
     * {@code generateTokens}: the bearer JWT must be one this sim signed (its expiry does not matter, that is what
     * refreshing is for) and the refresh token must be its session's.
     */
    public Optional<Tokens> refresh(String bearerJwt, String refreshToken) {
        Optional<JsonNode> claims = codec.verify(bare(bearerJwt));
        if (claims.isEmpty() || refreshToken == null) {
            return Optional.empty();
        }
        Session session = sessions.get(claims.get().path("sid").asText(""));
        if (session == null || !session.refreshToken().equals(refreshToken)) {
            return Optional.empty();
        }
        return Optional.of(issue(session));
    }

    /** Whether {@code feedToken} is live and belongs to {@code clientCode}. */
    public boolean validFeedToken(String clientCode, String feedToken) {
        if (feedToken == null || clientCode == null) {
            return false;
        }
        Grant grant = feedTokens.get(feedToken);
        return grant != null
                && grant.clientCode().equals(clientCode)
                && clock.now().isBefore(grant.expiresAt());
    }

    /** Whether the client code has a live session (logged in, not logged out or expired by the controls). */
    public boolean hasSession(String clientCode) {
        return sessions.values().stream().anyMatch(s -> s.clientCode().equals(clientCode));
    }

    /** Ends the session of this grant: its refresh token, every JWT and feed token issued in it. */
    public void logout(Grant grant) {
        sessions.remove(grant.sessionId());
        jwts.values().removeIf(g -> g.sessionId().equals(grant.sessionId()));
        feedTokens.values().removeIf(g -> g.sessionId().equals(grant.sessionId()));
    }

    /**
     * Every JWT and feed token stops working now (AG8001 on REST, 401 at the handshake); refresh tokens too unless
     * {@code keepRefreshTokens}, in which case {@code generateTokens} can still revive a session. Returns how many
     * JWTs were live.
     */
    public int expireAll(boolean keepRefreshTokens) {
        int count = jwts.size();
        jwts.clear();
        feedTokens.clear();
        if (!keepRefreshTokens) {
            sessions.clear();
        }
        return count;
    }

    public int liveSessions() {
        return sessions.size();
    }

    private Tokens issue(Session session) {
        Instant now = clock.now();
        Instant exp = now.plus(config.jwtLifetime());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("username", session.clientCode());
        claims.put("roles", 0);
        claims.put("token", "TRADE-TOKEN");
        claims.put("iss", "smartapi-sim");
        claims.put("sub", session.clientCode());
        claims.put("sid", session.id());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", exp.getEpochSecond());
        String jwt = codec.sign(claims);
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("usernameToken", session.clientCode());
        feed.put("sub", session.clientCode());
        feed.put("jti", UUID.randomUUID().toString());
        feed.put("iat", now.getEpochSecond());
        feed.put("exp", exp.getEpochSecond());
        String feedToken = codec.sign(feed);
        // exp is whole seconds in the token, so the registry holds the same instant a client decodes
        Instant expiresAt = Instant.ofEpochSecond(exp.getEpochSecond());
        Grant grant = new Grant(session.id(), session.clientCode(), expiresAt);
        jwts.put(jwt, grant);
        feedTokens.put(feedToken, grant);
        return new Tokens(jwt, session.refreshToken(), feedToken, expiresAt);
    }

    private static String bare(String jwt) {
        if (jwt == null) {
            return null;
        }
        String t = jwt.trim();
        if (t.regionMatches(true, 0, "Bearer ", 0, 7)) {
            t = t.substring(7).trim();
        }
        return t.isEmpty() ? null : t;
    }
}
