package io.tickwarden.auth.config;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * In prod the admin key and the encryption key must be real: missing ones already fail start-up (no default in
 * the %prod profile); this also refuses the dev defaults and toy admin keys, with a message saying what to set.
 */
@Singleton
@IfBuildProfile("prod")
public class ProdConfigCheck {

    static final String DEV_ADMIN_KEY = "dev-admin-key";
    static final String DEV_TOKEN_KEY = "ZGV2LW9ubHktdG9rZW4ta2V5LW5vdC1mb3ItcHJvZCE=";

    private static final Logger LOG = Logger.getLogger(ProdConfigCheck.class);

    /**
     * {@code AUTH_ALLOW_DEMO_SECRETS=true}: ./demo.sh runs the packaged (prod) jars with the documented demo keys
     * against kite-sim; it turns the weak-admin-key refusal into a warning. Never set it in a real deployment.
     */
    @ConfigProperty(name = "auth.allow-demo-secrets", defaultValue = "false")
    boolean allowDemoSecrets;

    void check(@Observes StartupEvent event, AuthConfig config) {
        if (DEV_ADMIN_KEY.equals(config.adminApiKey()) || config.adminApiKey().length() < 16) {
            if (!allowDemoSecrets) {
                throw new IllegalStateException("ADMIN_API_KEY must be set to a secret of at least 16 characters");
            }
            LOG.warn("ADMIN_API_KEY is a short demo key (AUTH_ALLOW_DEMO_SECRETS=true): fine for the demo, "
                    + "never for a real deployment");
        }
        if (DEV_TOKEN_KEY.equals(config.tokenEncryptionKey().trim())) {
            throw new IllegalStateException("TOKEN_ENCRYPTION_KEY is the development key; set a real one "
                    + "(openssl rand -base64 32)");
        }
    }
}
