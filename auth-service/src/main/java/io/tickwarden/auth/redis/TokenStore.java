package io.tickwarden.auth.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.auth.StoredAccessToken;
import io.tickwarden.kite.TokenCipher;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The access token at rest: {@code auth:token} holds a {@link StoredAccessToken} JSON whose {@code ciphertext}
 * is AES-256-GCM under TOKEN_ENCRYPTION_KEY, bound to its {@code token_version}. Versions come from the
 * counter {@code auth:token:version} and are never reused.
 */
@Singleton
public class TokenStore {

    /** A dead token is kept a little past its expiry (the state still names it), then Redis drops it. */
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    private final ValueCommands<String, String> values;
    private final ValueCommands<String, Long> counters;
    private final ObjectMapper json;
    private final TokenCipher cipher;

    TokenStore(RedisDataSource redis, ObjectMapper json, TokenCipher cipher) {
        this.values = redis.value(String.class);
        this.counters = redis.value(Long.class);
        this.json = json;
        this.cipher = cipher;
    }

    /** Next token version, above every version seen so far even if Redis lost the counter. */
    public long nextVersion(Long current) {
        long next = counters.incr(AuthRedisNames.TOKEN_VERSION_KEY);
        if (current != null && next <= current) {
            next = current + 1;
            counters.set(AuthRedisNames.TOKEN_VERSION_KEY, next);
        }
        return next;
    }

    public String seal(String accessToken, long version) {
        return cipher.encrypt(accessToken, version);
    }

    public String open(StoredAccessToken token) throws TokenCipher.TokenCipherException {
        return cipher.decrypt(token.ciphertext(), token.tokenVersion());
    }

    public void save(StoredAccessToken token) {
        values.set(AuthRedisNames.TOKEN_KEY, write(token), new SetArgs().exAt(expiryOf(token)));
    }

    /** Puts the token back if Redis lost it (restart without data), never overwriting a newer one. */
    public void restoreIfMissing(StoredAccessToken token) {
        if (token.expiresAt() != null && expiryOf(token).isBefore(Instant.now())) {
            return;
        }
        values.set(AuthRedisNames.TOKEN_KEY, write(token), new SetArgs().nx().exAt(expiryOf(token)));
    }

    public Optional<StoredAccessToken> load() {
        String raw = values.get(AuthRedisNames.TOKEN_KEY);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(raw, StoredAccessToken.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    AuthRedisNames.TOKEN_KEY + " holds unreadable JSON: " + e.getOriginalMessage());
        }
    }

    public void delete() {
        values.getdel(AuthRedisNames.TOKEN_KEY);
    }

    private static Instant expiryOf(StoredAccessToken token) {
        Instant base = token.expiresAt() == null
                ? Instant.now().plus(Duration.ofDays(1))
                : token.expiresAt().toInstant();
        return base.plus(KEEP_AFTER_EXPIRY);
    }

    private String write(StoredAccessToken token) {
        try {
            return json.writeValueAsString(token);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the stored token record", e);
        }
    }
}
