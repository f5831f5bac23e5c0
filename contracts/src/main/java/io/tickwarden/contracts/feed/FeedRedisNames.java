package io.tickwarden.contracts.feed;

/**
 * Redis keys and channels owned by feed-service beyond the contract's fixed ones ({@code feed:state},
 * {@code feed.state}, {@code feed.ticks}, {@code feed:quotes}, in {@code io.tickwarden.contracts.RedisNames}).
 * Documented in {@code docs/feed-service.md}.
 */
public final class FeedRedisNames {

    private FeedRedisNames() {
    }

    /** Hash: symbol ({@code EXCHANGE:TRADINGSYMBOL}) to instrument token, from the day's instruments dump. */
    public static final String INSTRUMENTS_KEY = "feed:instruments";

    /**
     * ZSET of demand owners (one per gateway instance): member = owner id, score = epoch millis until which the
     * owner's demand counts. An owner refreshes its score at least every 10 s; a stale owner is ignored.
     */
    public static final String DEMAND_OWNERS_KEY = "feed:demand:owners";

    /** Prefix of the HASH of one owner: field = symbol ({@code NSE:INFY}), value = {@link FeedDemand} JSON. */
    public static final String DEMAND_KEY_PREFIX = "feed:demand:";

    /** Channel an owner publishes a {@link DemandChanged} on after changing its hash (the feed reloads at once). */
    public static final String DEMAND_CHANNEL = "feed.demand";

    /** Leader lease: STRING holding the leader's instance id, with a PX expiry. */
    public static final String LEADER_KEY = "feed:leader";

    /** Counter of leader terms; each new lease holder takes the next value (the {@code epoch} of its ticks). */
    public static final String LEADER_EPOCH_KEY = "feed:leader:epoch";

    /** Cross-replica rate limiter of Kite quote calls: {@code feed:ratelimit:quote:<api_key>} (PX window). */
    public static final String QUOTE_RATE_LIMIT_PREFIX = "feed:ratelimit:quote:";

    /** 1-minute candles: HASH {@code feed:candles:<symbol>:<yyyy-MM-dd IST>}, field {@code HH:mm}, value {@link FeedCandle}. */
    public static final String CANDLES_PREFIX = "feed:candles:";

    /** Channel of candle changes: once a second, one {@link FeedCandleUpdates} with every candle that changed. */
    public static final String CANDLES_CHANNEL = "feed.candles";

    /**
     * Prefix of the per-symbol tick history: a STREAM {@code feed:history:<symbol>}, entry ID {@code <epoch>-<n>} of
     * the tick's {@code seq} (epoch * 1e9 + n), one field {@code t} holding the {@link FeedTick} JSON exactly as in
     * {@code feed:quotes}. Bounded by {@code MAXLEN ~ feed.history.max-ticks}; read by the gateway to replay what a
     * reconnecting client missed.
     */
    public static final String HISTORY_PREFIX = "feed:history:";

    /** Field of a history entry holding the tick JSON. */
    public static final String HISTORY_FIELD = "t";

    public static String historyKey(String symbol) {
        return HISTORY_PREFIX + symbol;
    }

    public static String demandKey(String owner) {
        return DEMAND_KEY_PREFIX + owner;
    }

    public static String candlesKey(String symbol, String tradingDay) {
        return CANDLES_PREFIX + symbol + ":" + tradingDay;
    }
}
