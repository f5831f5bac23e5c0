package io.tickwarden.auth.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.auth.StoredAccessToken;
import io.tickwarden.kite.TokenCipher;
import io.tickwarden.redis.ReplicaAck;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The access token at rest: {@code auth:token} holds a {@link StoredAccessToken} JSON whose {@code ciphertext}
 * is AES-256-GCM under TOKEN_ENCRYPTION_KEY, bound to its {@code token_version}. Versions come from the
 * counter {@code auth:token:version} and are never reused.
 */
@Singleton
public class TokenStore {

    /** A dead token is kept a little past its expiry (the state still names it), then Redis drops it. */
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    /**
     * Re-asserts our token from memory: writes it when the key is missing or holds an older version (a failover
     * lost the last write), never over a newer one.
     */
    static final String REASSERT = """
            local v = redis.call('GET', KEYS[1])
            if v then
              local ok, stored = pcall(cjson.decode, v)
              if ok and type(stored) == 'table' and tonumber(stored['token_version'] or 0) >= tonumber(ARGV[2]) then
                return 0
              end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'EXAT', ARGV[3])
            return 1
            """;

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final ValueCommands<String, Long> counters;
    private final ObjectMapper json;
    private final TokenCipher cipher;
    private final ReplicaAck replicaAck;

    TokenStore(
            RedisDataSource redis,
            ObjectMapper json,
            TokenCipher cipher,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
            MeterRegistry registry) {
        this.redis = redis;
        this.replicaAck = new ReplicaAck(clientType, ReplicaAck.DEFAULT_TIMEOUT);
        FunctionCounter.builder("redis_writes_unreplicated", replicaAck, ReplicaAck::unacknowledged)
                .description("writes that must survive a Sentinel failover but no replica acknowledged in time "
                        + "(WAIT 1); the owner re-asserts them from memory")
                .tag("write", "auth_token")
                .register(registry);
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

    /**
     * Stores the token; in Sentinel mode waits for a replica to have it too ({@link ReplicaAck}): a login is a human's
     * click once a day, and a failover that lost it would stop the feed until someone logs in again. The version
     * counter was incremented before on the same primary, so the WAIT covers it as well.
     */
    public void save(StoredAccessToken token) {
        String raw = write(token);
        replicaAck.write(
                redis,
                "the access token (" + AuthRedisNames.TOKEN_KEY + ", version " + token.tokenVersion() + ")",
                ds -> ds.value(String.class).set(AuthRedisNames.TOKEN_KEY, raw, new SetArgs().exAt(expiryOf(token))));
    }

    /**
     * Puts the token back if Redis lost it (restart without data) or holds an older version of it (a failover lost
     * the last write), never overwriting a newer one. Runs every snapshot refresh.
     */
    public void restoreIfMissing(StoredAccessToken token) {
        if (token.expiresAt() != null && expiryOf(token).isBefore(Instant.now())) {
            return;
        }
        redis.execute(
                "EVAL",
                REASSERT,
                "1",
                AuthRedisNames.TOKEN_KEY,
                write(token),
                Long.toString(token.tokenVersion()),
                Long.toString(expiryOf(token).getEpochSecond()));
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
