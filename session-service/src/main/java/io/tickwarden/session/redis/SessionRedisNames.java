package io.tickwarden.session.redis;

/** Redis names owned by the session service alone (the shared ones are in contracts' RedisNames). */
public final class SessionRedisNames {

    private SessionRedisNames() {
    }

    /** Hash: override id -> override JSON. Survives restarts of the service. */
    public static final String OVERRIDES_HASH = "session:overrides";
    /** Channel: override_added / override_removed events. */
    public static final String OVERRIDES_CHANNEL = "market.session.overrides";
}
