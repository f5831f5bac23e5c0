package io.tickwarden.contracts.feed;

/**
 * Every Redis key and channel of feed-service: {@code feed:state}, {@code feed.state}, {@code feed.ticks} and
 * {@code feed:quotes} are fixed by the system contract, the rest are ours (docs/feed-service.md). The demand keys
 * are written by the gateways and read by the feed: they are the feed's interface, so they live here.
 */
public final class FeedRedisNames {

    private FeedRedisNames() {}

    /** STRING: the leader's {@link FeedStateView}, rewritten periodically. */
    public static final String STATE_KEY = "feed:state";

    /** Channel of {@link FeedStateChanged} events. */
    public static final String STATE_CHANNEL = "feed.state";

    /** Channel of {@link FeedTickBatch}es. */
    public static final String TICKS_CHANNEL = "feed.ticks";

    /** HASH of the latest quote per symbol: field = symbol ({@code NSE:INFY}), value = {@link FeedTick} JSON. */
    public static final String QUOTES_HASH = "feed:quotes";

    /** Hash: symbol ({@code EXCHANGE:TRADINGSYMBOL}) to instrument token, from the day's instruments dump. */
    public static final String INSTRUMENTS_KEY = "feed:instruments";

    /**
     * ZSET of demand owners (one per gateway instance): member = owner id, score = epoch millis until which the
     * owner's demand counts. An owner refreshes its score at least every 10 s; a stale owner is ignored.
     */
    public static final String DEMAND_OWNERS_KEY = "feed:demand:owners";

    /**
     * Prefix of the HASH of one demand owner, {@code feed:demand:<owner>}: field = symbol ({@code NSE:INFY}), value =
     * {@link FeedDemand} JSON. The owner id {@code owners} is taken by {@link #DEMAND_OWNERS_KEY}.
     */
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

    /** The demand HASH of one owner (a gateway instance), see {@link #DEMAND_KEY_PREFIX}. */
    public static String demandKey(String owner) {
        return DEMAND_KEY_PREFIX + owner;
    }

    /** The 1-minute candle HASH of one symbol and IST trading day ({@code yyyy-MM-dd}), see {@link #CANDLES_PREFIX}. */
    public static String candlesKey(String symbol, String tradingDay) {
        return CANDLES_PREFIX + symbol + ":" + tradingDay;
    }
}
