package io.tickwarden.feed.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.auth.StoredAccessToken;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.kite.TokenCipher;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Opens {@code auth:token} ({@link StoredAccessToken} JSON sealed with {@link TokenCipher} under
 * TOKEN_ENCRYPTION_KEY, bound to its {@code token_version}). Reads the JSON tolerantly (snake_case or camelCase) so
 * a naming change upstream does not silently lock us out.
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
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (Exception e) {
            throw new TokenUnavailableException(AuthRedisNames.TOKEN_KEY + " holds unreadable JSON");
        }
        JsonNode version = field(node, "token_version", "tokenVersion");
        JsonNode sealed = field(node, "ciphertext", "ciphertext");
        if (version == null || !version.canConvertToLong() || sealed == null || !sealed.isTextual()) {
            throw new TokenUnavailableException(AuthRedisNames.TOKEN_KEY + " lacks token_version or ciphertext");
        }
        try {
            return Optional.of(new AccessToken(cipher.decrypt(sealed.asText(), version.asLong()), version.asLong()));
        } catch (TokenCipher.TokenCipherException e) {
            throw new TokenUnavailableException("cannot open " + AuthRedisNames.TOKEN_KEY + ": " + e.getMessage());
        }
    }

    static JsonNode field(JsonNode node, String snake, String camel) {
        JsonNode v = node.get(snake);
        return v == null || v.isNull() ? node.get(camel) : v;
    }
}
