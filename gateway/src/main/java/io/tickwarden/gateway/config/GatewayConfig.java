package io.tickwarden.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tickwarden.contracts.feed.FeedRedisNames;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything configurable in the gateway; environment names are in docs/gateway.md. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Keys accepted at the WebSocket upgrade ({@code GATEWAY_API_KEYS}, comma-separated). Empty: nobody. */
    Optional<List<String>> apiKeys();

    /** Identifies this gateway's demand in feed-service's demand keys; default host name + pid. */
    Optional<String> instanceId();

    Ws ws();

    Health health();

    Services services();

    Instruments instruments();

    Demand demand();

    Recovery recovery();

    /** Recovery by position: a reconnecting client's missed ticks replayed from feed-service's history streams. */
    interface Recovery {
        /** More missed ticks than this for a symbol is TOO_OLD (the client gets the snapshot instead). */
        @WithDefault("300")
        int maxReplayTicks();

        /** How long the history read may take; after it every symbol of the subscribe is NO_HISTORY. */
        @WithDefault("3s")
        Duration readTimeout();
    }

    interface Ws {
        /** Symbols one connection may hold at once. */
        @WithDefault("200")
        int maxSymbols();

        /** Coalescing queue: distinct pending entries (instruments plus control messages) per connection. */
        @WithDefault("512")
        int queueSize();

        /** Bytes handed to the socket but not yet written; above this nothing more is handed over (coalescing). */
        @WithDefault("262144")
        int writeBufferBytes();

        /** Ticks per outgoing {@code ticks} frame. */
        @WithDefault("200")
        int maxBatch();

        /**
         * With {@code delivery=all}: ticks a connection may have waiting; one more closes it with 4008 (it then
         * recovers by position).
         */
        @WithDefault("20000")
        int allQueueTicks();

        /** How long a connection may stay blocked (write buffer full) before it is closed with 4008. */
        @WithDefault("10s")
        Duration slowConsumerTimeout();

        /** Client messages per second allowed on average (token bucket refill rate). */
        @WithDefault("20")
        double floodRate();

        /** Burst of client messages allowed at once (token bucket size). */
        @WithDefault("40")
        int floodBurst();

        /** Largest frame or message accepted from a client, in bytes (also the WebSocket layer's limits). */
        @WithDefault("16384")
        int maxMessageBytes();

        @WithDefault("30s")
        Duration heartbeatInterval();

        /** On shutdown, how long to wait for the clients to answer the 1001 close before the HTTP server stops. */
        @WithDefault("2s")
        Duration shutdownGrace();
    }

    interface Health {
        /** A snapshot whose owner has not refreshed it for this long is reported STALE, never healthy. */
        @WithDefault("45s")
        Duration staleAfter();

        /** How often the snapshot keys are re-read (they are also re-read on every change event). */
        @WithDefault("2s")
        Duration pollInterval();

        /** Exchange whose session decides "market open" for the priority status. */
        @WithDefault("NSE")
        String exchange();

        /**
         * Exchange segments ({@code EXCHANGE:SEGMENT}) whose sessions are read from
         * {@code market:session:<EXCHANGE>:<SEGMENT>} and shown to clients, in this order. The first one listed of
         * {@link #exchange()} is taken as that exchange's default segment when its snapshot does not say.
         */
        @WithDefault("NSE:CM,NSE:FO,NSE:CDS,BSE:CM,BSE:FO,MCX:COM")
        List<String> segments();

        /**
         * How often each service's {@code /q/health/ready} is asked directly, so a dead service shows within about
         * this long instead of after {@link #staleAfter()}. 0 turns the probes off.
         */
        @WithDefault("1s")
        Duration probeInterval();

        /** A readiness probe that has not answered within this long counts as down. */
        @WithDefault("2s")
        Duration probeTimeout();
    }

    interface Services {
        @WithDefault("http://localhost:8082")
        String authUrl();

        /** auth-service as the browser sees it (login button); default: {@link #authUrl()}. */
        Optional<String> authPublicUrl();

        @WithDefault("http://localhost:8081")
        String sessionUrl();

        /** One URL, or several comma-separated (feed replicas); each is probed, the first is shown. */
        @WithDefault("http://localhost:8083")
        String feedUrl();
    }

    interface Instruments {
        /**
         * {@code redis}: validate against the instrument list in Redis ({@link #key()}); symbols are accepted on
         * format alone while that list is absent (logged). {@code strict}: like redis, but reject everything while
         * the list is absent. {@code format}: format check only.
         */
        @WithDefault("redis")
        String source();

        /** HASH (symbol -> instrument token) or SET of symbols holding the instrument list. */
        @WithDefault(FeedRedisNames.INSTRUMENTS_KEY)
        String key();

        @WithDefault("60s")
        Duration refresh();
    }

    interface Demand {
        /** Score horizon of our entry in feed:demand:owners; refreshed every {@link #refresh()}. */
        @WithDefault("30s")
        Duration ttl();

        @WithDefault("5s")
        Duration refresh();

        /** Debounce of demand writes after subscription changes. */
        @WithDefault("50ms")
        Duration debounce();
    }
}
