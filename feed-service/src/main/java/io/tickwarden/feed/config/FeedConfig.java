package io.tickwarden.feed.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** feed-service settings (prefix {@code feed}); environment names in application.properties and docs/feed-service.md. */
@ConfigMapping(prefix = "feed")
public interface FeedConfig {

    /** BROKER: the broker adapter ({@code kite} or {@code angel}); see docs/feed-service.md "Adding a broker". */
    @WithDefault("kite")
    String broker();

    /** FEED_MAX_SOCKETS: upstream sockets the pool may open (never more than the broker allows per api_key). */
    @WithDefault("3")
    int maxSockets();

    /** FEED_SCHEDULE: {@code market-hours} or {@code always}. */
    @WithDefault("market-hours")
    String schedule();

    /** FEED_WATCHLIST: symbols always subscribed, e.g. {@code NSE:NIFTY 50,NSE:INFY}. */
    Optional<List<String>> watchlist();

    /** FEED_MODE: mode of the watchlist ({@code ltp}, {@code quote}, {@code full}). */
    @WithDefault("full")
    String mode();

    /**
     * FEED_EXCHANGE: the home exchange. Its default segment's clock drives the first socket while nothing is
     * subscribed, and instruments of unknown segment follow it; every other instrument follows its own segment.
     */
    @WithDefault("NSE")
    String exchange();

    /** FEED_PRE_OPEN_LEAD: connect this long before PRE_OPEN. */
    @WithDefault("5m")
    Duration preOpenLead();

    /** FEED_STALE_AFTER: tick silence in LIVE that counts as a stall. */
    @WithDefault("10s")
    Duration staleAfter();

    /**
     * FEED_HEARTBEAT_TIMEOUT: no frame at all for this long means the socket is dead. A broker may need more
     * ({@code Broker#heartbeatTimeout}: Angel at least two ping intervals, 20 s).
     */
    @WithDefault("5s")
    Duration heartbeatTimeout();

    @WithDefault("1s")
    Duration backoffInitial();

    @WithDefault("60s")
    Duration backoffMax();

    /** A handshake not finished within this is abandoned and counted as a failure. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** FEED_REST_FALLBACK_ENABLED: false never polls the broker's REST quotes (the socket alone carries data). */
    @WithDefault("true")
    boolean restFallbackEnabled();

    @WithDefault("10s")
    Duration restFallbackAfter();

    @WithDefault("2s")
    Duration restFallbackInterval();

    /** Instruments per quote call (Kite allows 500, Angel 50: the broker's limit caps it). */
    @WithDefault("500")
    int restBatchSize();

    /** The quote rate limit per account (Kite: 1/s per api_key), shared by all replicas through Redis. */
    @WithDefault("1s")
    Duration restMinSpacing();

    /** Instruments per socket (Kite allows 3000, Angel 1000; a lower value only lowers it). */
    @WithDefault("3000")
    int maxInstrumentsPerSocket();

    /** Tokens per subscribe/mode message. */
    @WithDefault("1000")
    int subscribeBatchSize();

    /** How often the supervisor re-evaluates its rules (also run at once on every event). */
    @WithDefault("250ms")
    Duration controlInterval();

    /** How often snapshots (auth, session, demand) are re-read even without a channel message. */
    @WithDefault("2s")
    Duration snapshotRefresh();

    /** How often feed:state is rewritten even without a change (updated_at shows liveness). */
    @WithDefault("5s")
    Duration statePublishInterval();

    /** Instruments still without data this long after subscribing are reported (log, state). */
    @WithDefault("15s")
    Duration unconfirmedReportAfter();

    /**
     * FEED_AUTH_REPORT_RETRY: while AUTH_BLOCKED and auth-service still says VALID without having re-validated the
     * token since the block, the rejection report on {@code auth.reports} is sent again this often (pub/sub keeps
     * nothing, so a lost report would otherwise leave the feed blocked until auth's periodic validation). A report
     * whose publish failed, or that no subscriber received, is retried sooner (1 s doubling up to this).
     */
    @WithDefault("15s")
    Duration authReportRetry();

    /**
     * FEED_TICKS_MESSAGE_MAX_TICKS: at most this many ticks per {@code feed.ticks} message; a larger upstream
     * frame (up to 3000 ticks) or REST poll is split into several messages, published in order.
     */
    @WithDefault("250")
    int ticksMessageMaxTicks();

    /** TOKEN_ENCRYPTION_KEY (base64, 256 bit); empty means the feed cannot open the token (state ERROR). */
    Optional<String> tokenEncryptionKey();

    /** ADMIN_API_KEY: bearer key of admin endpoints; empty disables them. */
    Optional<String> adminApiKey();

    /** Stable id of this replica (HOSTNAME in Kubernetes); random when empty. */
    Optional<String> instanceId();

    Lease lease();

    Redis redis();

    History history();

    /**
     * The per-symbol tick history ({@code feed:history:<symbol>}, a Redis Stream) from which a gateway replays what a
     * reconnecting client missed (docs/feed-service.md).
     */
    interface History {
        /** FEED_HISTORY_ENABLED: false writes no history (clients then never recover by position: NO_HISTORY). */
        @WithDefault("true")
        boolean enabled();

        /** FEED_HISTORY_MAX_TICKS: ticks kept per symbol (approximately: {@code MAXLEN ~} trims whole nodes). */
        @WithDefault("300")
        int maxTicks();

        /** FEED_HISTORY_TTL: a symbol's history expires this long after its last tick (refreshed at most every 10 min). */
        @WithDefault("12h")
        Duration ttl();
    }

    interface Lease {
        /** Lease time-to-live; a killed leader is replaced within it. */
        @WithDefault("5s")
        Duration ttl();

        /** Renew this often. */
        @WithDefault("1s")
        Duration renewInterval();

        /**
         * Fencing: a leader whose last successful renew is older than this disconnects. Must be below the TTL by
         * more than a control interval, so the socket is gone before another replica can take the lease.
         */
        @WithDefault("3s")
        Duration fenceAfter();
    }

    interface Redis {
        /** Timeout of each blocking Redis call from the supervisor. */
        @WithDefault("1500ms")
        Duration timeout();

        @WithDefault("200ms")
        Duration resubscribeInitial();

        @WithDefault("10s")
        Duration resubscribeMax();
    }
}
