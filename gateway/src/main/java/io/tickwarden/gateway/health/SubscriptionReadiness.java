package io.tickwarden.gateway.health;

import io.tickwarden.gateway.redis.RedisChannels;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the Redis subscriptions are down: no ticks and no status changes would reach clients. */
@Readiness
@Singleton
public class SubscriptionReadiness implements HealthCheck {

    private final RedisChannels channels;

    SubscriptionReadiness(RedisChannels channels) {
        this.channels = channels;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis-subscriptions")
                .status(channels.isSubscribed())
                .withData("resubscribes", channels.resubscribes())
                .build();
    }
}
