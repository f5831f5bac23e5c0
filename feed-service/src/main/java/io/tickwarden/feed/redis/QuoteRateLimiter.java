package io.tickwarden.feed.redis;

import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.config.KiteSettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Kite allows 1 quote request per second per api_key, across every process using that key. A permit is the key
 * {@code feed:ratelimit:quote:<api_key>} set with NX and a PX of the minimum spacing: whoever sets it may call.
 * No permit when Redis is unreachable (better no call than a 429 storm).
 */
@Singleton
public class QuoteRateLimiter {

    private final RedisCalls calls;
    private final FeedConfig config;
    private final KiteSettings kite;
    private final String instanceId;

    QuoteRateLimiter(RedisCalls calls, FeedConfig config, KiteSettings kite, @Named("instanceId") String instanceId) {
        this.calls = calls;
        this.config = config;
        this.kite = kite;
        this.instanceId = instanceId;
    }

    public boolean tryAcquire() {
        try {
            var reply = calls.await(calls.reactive().execute("SET",
                    FeedRedisNames.QUOTE_RATE_LIMIT_PREFIX + kite.apiKey(), instanceId, "NX", "PX",
                    Long.toString(config.restMinSpacing().toMillis())));
            return reply != null && "OK".equals(reply.toString());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
