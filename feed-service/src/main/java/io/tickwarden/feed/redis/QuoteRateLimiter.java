package io.tickwarden.feed.redis;

import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.config.FeedConfig;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The broker allows so many quote requests per account (Kite: 1 per second per api_key; Angel: we keep to 1 per
 * second per client code), across every process using that account. A permit is the key
 * {@code feed:ratelimit:quote:<account key>} ({@link Broker#accountKey()}) set with NX and a PX of the minimum
 * spacing: whoever sets it may call.
 * No permit when Redis is unreachable (better no call than a 429 storm).
 */
@Singleton
public class QuoteRateLimiter {

    private final RedisCalls calls;
    private final FeedConfig config;
    private final Broker broker;
    private final String instanceId;

    QuoteRateLimiter(RedisCalls calls, FeedConfig config, Broker broker, @Named("instanceId") String instanceId) {
        this.calls = calls;
        this.config = config;
        this.broker = broker;
        this.instanceId = instanceId;
    }

    public boolean tryAcquire() {
        try {
            var reply = calls.await(calls.reactive()
                    .execute(
                            "SET",
                            FeedRedisNames.QUOTE_RATE_LIMIT_PREFIX + broker.accountKey(),
                            instanceId,
                            "NX",
                            "PX",
                            Long.toString(config.restMinSpacing().toMillis())));
            return reply != null && "OK".equals(reply.toString());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
