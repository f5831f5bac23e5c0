package io.tickwarden.contracts.auth;

/**
 * Every Redis key and channel auth-service reads or writes. {@code auth:state} and {@code auth.state} are fixed by
 * the system contract; the rest are ours (docs/auth-service.md).
 */
public final class AuthRedisNames {

    private AuthRedisNames() {}

    /** STRING: the {@link AuthStateView} snapshot, rewritten periodically. */
    public static final String STATE_KEY = "auth:state";

    /** Channel of {@link AuthStateChanged} events. */
    public static final String STATE_CHANNEL = "auth.state";

    /** STRING: the sealed {@link StoredAccessToken}, expiring at the token's expiry. */
    public static final String TOKEN_KEY = "auth:token";

    /** Counter behind {@link StoredAccessToken#tokenVersion()}: every new token takes the next value. */
    public static final String TOKEN_VERSION_KEY = "auth:token:version";

    /** Channel token users (feed-service) publish {@link AuthReport}s on when the broker refuses the token. */
    public static final String REPORTS_CHANNEL = "auth.reports";

    /** STRING: the sealed Angel One refresh token; it never leaves auth-service. */
    public static final String ANGEL_REFRESH_KEY = "auth:angel:refresh";

    /** Prefix of the one-time login nonces: {@code auth:login:state:<nonce>}, with a PX expiry. */
    public static final String LOGIN_STATE_KEY_PREFIX = "auth:login:state:";

    public static String loginStateKey(String nonce) {
        return LOGIN_STATE_KEY_PREFIX + nonce;
    }
}
