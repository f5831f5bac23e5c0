package io.tickwarden.auth.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.kite.TokenCipher;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Angel One's refresh token, which never leaves auth-service: sealed with the same cipher as {@code auth:token} and
 * bound to the session's {@code token_version}, at {@code auth:angel:refresh}, so a restarted auth-service can
 * still renew with generateTokens instead of a new login. Read by no other service. Lost or undecryptable means
 * "log in again", never an error.
 */
@Singleton
public class AngelRefreshStore {

    private final ValueCommands<String, String> values;
    private final TokenCipher cipher;

    AngelRefreshStore(RedisDataSource redis, TokenCipher cipher) {
        this.values = redis.value(String.class);
        this.cipher = cipher;
    }

    /** Kept until a day after the session's exp (Angel does not document the refresh token's life). */
    public void save(long tokenVersion, String refreshToken, Instant sessionExpiresAt) {
        Instant base = sessionExpiresAt == null ? Instant.now().plus(Duration.ofDays(1)) : sessionExpiresAt;
        values.set(
                AuthRedisNames.ANGEL_REFRESH_KEY,
                cipher.encrypt(refreshToken, tokenVersion),
                new SetArgs().exAt(base.plus(Duration.ofDays(1))));
    }

    /** The refresh token of session {@code tokenVersion}; empty when absent, of another session or undecryptable. */
    public Optional<String> load(long tokenVersion) {
        String sealed = values.get(AuthRedisNames.ANGEL_REFRESH_KEY);
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(cipher.decrypt(sealed, tokenVersion));
        } catch (TokenCipher.TokenCipherException e) {
            return Optional.empty();
        }
    }

    public void delete() {
        values.getdel(AuthRedisNames.ANGEL_REFRESH_KEY);
    }
}
