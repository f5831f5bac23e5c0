package io.tickwarden.contracts;

/**
 * Every Redis key and channel the services share. The first block is fixed by the system contract;
 * the rest are ours and documented in the README ("Redis keys").
 */
public final class RedisNames {

    private RedisNames() {
    }

    // Fixed by the contract.
    public static final String MARKET_SESSION_KEY_PREFIX = "market:session:";
    public static final String MARKET_SESSION_CHANNEL = "market.session";
    public static final String AUTH_STATE_KEY = "auth:state";
    public static final String AUTH_STATE_CHANNEL = "auth.state";
    public static final String FEED_STATE_KEY = "feed:state";
    public static final String FEED_STATE_CHANNEL = "feed.state";
    public static final String FEED_TICKS_CHANNEL = "feed.ticks";
    public static final String FEED_QUOTES_HASH = "feed:quotes";

    /** Snapshot key of one exchange, e.g. {@code market:session:NSE}. */
    public static String marketSessionKey(String exchange) {
        return MARKET_SESSION_KEY_PREFIX + exchange;
    }

    /** Snapshot key of one exchange segment, e.g. {@code market:session:NSE:FO}. */
    public static String marketSessionKey(String exchange, String segment) {
        return MARKET_SESSION_KEY_PREFIX + exchange + ":" + segment;
    }
}
