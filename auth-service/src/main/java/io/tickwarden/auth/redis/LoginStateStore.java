package io.tickwarden.auth.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.contracts.auth.AuthRedisNames;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Anti-forgery states of logins in flight: {@code auth:login:state:<nonce>} with a TTL, in Redis so any
 * replica can check a callback. Consuming is GETDEL, so a state works exactly once.
 */
@Singleton
public class LoginStateStore {

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ValueCommands<String, String> values;
    private final AuthConfig config;
    private final SecureRandom random = new SecureRandom();

    LoginStateStore(RedisDataSource redis, AuthConfig config) {
        this.values = redis.value(String.class);
        this.config = config;
    }

    /** A fresh 256-bit nonce, stored until {@code auth.login-state-ttl} passes. */
    public String create(Instant now) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        values.set(AuthRedisNames.loginStateKey(nonce), now.toString(), new SetArgs().px(config.loginStateTtl()));
        return nonce;
    }

    /** @return true exactly once per issued, unexpired nonce */
    public boolean consume(String nonce) {
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            return false;
        }
        return values.getdel(AuthRedisNames.loginStateKey(nonce)) != null;
    }
}
