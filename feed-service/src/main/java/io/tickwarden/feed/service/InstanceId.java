package io.tickwarden.feed.service;

import io.tickwarden.feed.config.FeedConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.UUID;

/** Produces this replica's id ({@code @Named("instanceId")}): who holds the leader lease and the quote budget. */
public class InstanceId {

    @Produces
    @Singleton
    @Named("instanceId")
    String instanceId(FeedConfig config) {
        // Always suffixed: two processes on one host share HOSTNAME, and equal ids would both "hold" the lease.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return config.instanceId()
                .filter(s -> !s.isBlank())
                .map(s -> s + "-" + suffix)
                .orElse("feed-" + suffix);
    }
}
