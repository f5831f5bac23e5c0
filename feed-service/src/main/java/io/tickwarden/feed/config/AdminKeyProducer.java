package io.tickwarden.feed.config;

import io.tickwarden.edge.AdminKey;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The admin-key check of the reconnect endpoint, from ADMIN_API_KEY; unset, admin calls get 403. */
public class AdminKeyProducer {

    @Produces
    @Singleton
    AdminKey adminKey(FeedConfig config) {
        return new AdminKey(config.adminApiKey());
    }
}
