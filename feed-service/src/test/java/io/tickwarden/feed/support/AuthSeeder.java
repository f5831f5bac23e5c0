package io.tickwarden.feed.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.auth.AuthStateChanged;
import io.tickwarden.contracts.auth.AuthStateView;
import io.tickwarden.contracts.auth.StoredAccessToken;
import io.tickwarden.contracts.session.SessionRedisNames;
import io.tickwarden.kite.TokenCipher;
import io.tickwarden.testing.RedisServerProcess;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes Redis exactly as auth-service does: {@code auth:token} sealed with TokenCipher under the shared key and
 * bound to its version, the {@code auth:state} snapshot, and an {@code auth.state} event.
 */
public final class AuthSeeder {

    /** Same value as %test.feed.token-encryption-key. */
    public static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final RedisServerProcess redis;
    private final TokenCipher cipher;

    public AuthSeeder(RedisServerProcess redis, String key) {
        this.redis = redis;
        this.cipher = TokenCipher.fromBase64Key(key);
    }

    public AuthSeeder(RedisServerProcess redis) {
        this(redis, KEY);
    }

    public void valid(String accessToken, long version) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30));
        StoredAccessToken stored = new StoredAccessToken(
                version,
                cipher.encrypt(accessToken, version),
                "ZS1234",
                "Sim Trader",
                now,
                now.plusHours(12),
                now,
                "LOGIN");
        redis.command("SET", AuthRedisNames.TOKEN_KEY, write(stored));
        state("VALID", version, "LOGIN");
    }

    public void state(String state, long version, String reason) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30));
        AuthStateView view = new AuthStateView(
                state,
                "VALID".equals(state),
                !"VALID".equals(state),
                reason,
                reason,
                "ZS1234",
                "Sim Trader",
                now,
                now.plusHours(12),
                0.0,
                now,
                null,
                null,
                version,
                now,
                now,
                null);
        redis.command("SET", AuthRedisNames.STATE_KEY, write(view));
        redis.command(
                "PUBLISH",
                AuthRedisNames.STATE_CHANNEL,
                write(new AuthStateChanged(AuthStateChanged.TYPE, "EXPIRED", state, now, reason, version, reason)));
    }

    /**
     * What auth-service does when a verification finds the token still good: rewrites {@code auth:state} with a new
     * {@code last_validated_at} (and {@code updated_at}); state, {@code state_since} and token version stay, and no
     * {@code auth.state} event is published (there is no transition).
     */
    public void revalidated() {
        String raw = redis.command("GET", AuthRedisNames.STATE_KEY);
        if (raw == null) {
            throw new IllegalStateException("no auth:state to re-validate");
        }
        try {
            ObjectNode view = (ObjectNode) JSON.readTree(raw);
            String now = OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30)).toString();
            view.put("last_validated_at", now);
            view.put("updated_at", now);
            redis.command("SET", AuthRedisNames.STATE_KEY, JSON.writeValueAsString(view));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A LIVE session snapshot for NSE (what session-service writes during market hours). */
    public void sessionLive() {
        redis.command(
                "SET",
                SessionRedisNames.marketSessionKey("NSE"),
                "{\"exchange\":\"NSE\",\"segment\":\"CM\",\"phase\":\"LIVE\","
                        + "\"next_phase\":\"CLOSING_AUCTION\",\"next_change_at\":\"2099-01-01T15:30:00+05:30\",\"trading_day\":\"2026-01-01\"}");
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
