package io.tickwarden.auth.config;

import io.tickwarden.edge.AdminKey;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The admin-key check of the operator endpoints, from ADMIN_API_KEY (required; ProdConfigCheck wants a long one). */
public class AdminKeyProducer {

    @Produces
    @Singleton
    AdminKey adminKey(AuthConfig config) {
        return new AdminKey(Optional.of(config.adminApiKey()));
    }
}
