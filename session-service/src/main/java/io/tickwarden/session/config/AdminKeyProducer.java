package io.tickwarden.session.config;

import io.tickwarden.edge.AdminKey;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The admin-key check of the override endpoints, from ADMIN_API_KEY (required: the service does not start without). */
public class AdminKeyProducer {

    @Produces
    @Singleton
    AdminKey adminKey(SessionConfig config) {
        return new AdminKey(Optional.of(config.adminApiKey()));
    }
}
