package io.tickwarden.contracts.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;

/**
 * Value of the Redis key {@code auth:token}: the Kite access token sealed with
 * {@code io.tickwarden.kite.TokenCipher} under {@code TOKEN_ENCRYPTION_KEY}, bound to {@code token_version}.
 * Open it with {@code TokenCipher.fromBase64Key(key).decrypt(ciphertext, token_version)}. Everything else here
 * is plain metadata and no secret.
 *
 * <p>Example:
 * <pre>{@code
 * {"token_version":3,"ciphertext":"tw1.k1.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","user_id":"ZS1234",
 * "user_name":"Demo User","login_time":"2026-11-23T08:45:10+05:30","expires_at":"2026-11-24T06:00:00+05:30",
 * "stored_at":"2026-11-23T08:45:11+05:30","source":"LOGIN"}
 * }</pre>
 *
 * @param ciphertext   {@code tw1.<key id>.<base64url(iv || ciphertext || tag)>}
 * @param tokenVersion increases with every new token; never reused
 * @param source       {@code LOGIN} (browser login) or {@code ADMIN} (PUT /api/auth/token)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredAccessToken(
        long tokenVersion,
        String ciphertext,
        String userId,
        String userName,
        OffsetDateTime loginTime,
        OffsetDateTime expiresAt,
        OffsetDateTime storedAt,
        String source) {}
