package io.tickwarden.feed.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.auth.StoredAccessToken;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.kite.TokenCipher;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Opens {@code auth:token} ({@link StoredAccessToken} JSON sealed with {@link TokenCipher} under
 * TOKEN_ENCRYPTION_KEY, bound to its {@code token_version}). Read as the contract record, so a renamed field fails
 * the contracts' build instead of locking the feed out.
 */
@Singleton
public class RedisTokenSource implements TokenSource {

    private final RedisCalls redis;
    private final ObjectMapper json;
    private final TokenCipher cipher;
    private final String cipherProblem;

    RedisTokenSource(RedisCalls redis, ObjectMapper json, FeedConfig config) {
        this.redis = redis;
        this.json = json;
        TokenCipher c = null;
        String problem = null;
        String key = config.tokenEncryptionKey().orElse("");
        if (key.isBlank()) {
            problem = "TOKEN_ENCRYPTION_KEY is not set; the stored access token cannot be opened";
        } else {
            try {
                c = TokenCipher.fromBase64Key(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage() + ". Generate one with: openssl rand -base64 32");
            }
        }
        this.cipher = c;
        this.cipherProblem = problem;
    }

    @Override
    public Optional<AccessToken> current() throws TokenUnavailableException {
        if (cipher == null) {
            throw new TokenUnavailableException(cipherProblem);
        }
        String raw = redis.await(redis.reactive().value(String.class).get(AuthRedisNames.TOKEN_KEY));
        if (raw == null) {
            return Optional.empty();
        }
        StoredAccessToken stored;
        try {
            stored = json.readValue(raw, StoredAccessToken.class);
        } catch (Exception e) {
            throw new TokenUnavailableException(AuthRedisNames.TOKEN_KEY + " holds unreadable JSON");
        }
        // Versions start at 1 (INCR), so 0 is an absent token_version.
        if (stored.tokenVersion() <= 0 || stored.ciphertext() == null) {
            throw new TokenUnavailableException(AuthRedisNames.TOKEN_KEY + " lacks token_version or ciphertext");
        }
        try {
            return Optional.of(
                    new AccessToken(cipher.decrypt(stored.ciphertext(), stored.tokenVersion()), stored.tokenVersion()));
        } catch (TokenCipher.TokenCipherException e) {
            throw new TokenUnavailableException("cannot open " + AuthRedisNames.TOKEN_KEY + ": " + e.getMessage());
        }
    }
}
