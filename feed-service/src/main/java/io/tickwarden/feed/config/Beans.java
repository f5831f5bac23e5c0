package io.tickwarden.feed.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.UUID;

/** Small producers: the clock, the instance id. */
public class Beans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    @Named("instanceId")
    String instanceId(FeedConfig config) {
        // Always suffixed: two processes on one host share HOSTNAME, and equal ids would both "hold" the lease.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return config.instanceId().filter(s -> !s.isBlank()).map(s -> s + "-" + suffix).orElse("feed-" + suffix);
    }
}
