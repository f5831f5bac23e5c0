package io.tickwarden.contracts.session;

/**
 * Every Redis key and channel session-service writes. The snapshot key and the phase channel are fixed by the
 * system contract; the overrides are ours (README, "Redis keys").
 */
public final class SessionRedisNames {

    private SessionRedisNames() {}

    /** Prefix of the {@link MarketSessionSnapshot} STRING of an exchange or an exchange segment. */
    public static final String MARKET_SESSION_KEY_PREFIX = "market:session:";

    /** Channel of {@link PhaseChangedEvent}s, one per phase transition of a segment. */
    public static final String MARKET_SESSION_CHANNEL = "market.session";

    /** HASH of today's operator overrides: field = override id, value = the override as JSON. */
    public static final String OVERRIDES_HASH = "session:overrides";

    /** Channel of {@link OverrideChangedEvent}s (an override added or removed). */
    public static final String OVERRIDES_CHANNEL = "market.session.overrides";

    /** Snapshot key of one exchange's default segment, e.g. {@code market:session:NSE}. */
    public static String marketSessionKey(String exchange) {
        return MARKET_SESSION_KEY_PREFIX + exchange;
    }

    /** Snapshot key of one exchange segment, e.g. {@code market:session:NSE:FO}. */
    public static String marketSessionKey(String exchange, String segment) {
        return MARKET_SESSION_KEY_PREFIX + exchange + ":" + segment;
    }
}
