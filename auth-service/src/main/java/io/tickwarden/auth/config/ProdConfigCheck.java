package io.tickwarden.auth.config;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.auth.service.angel.AngelSecrets;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * In prod the admin key and the encryption key must be real: missing ones already fail start-up (no default in
 * the %prod profile); this also refuses the dev defaults and toy admin keys, with a message saying what to set.
 * BROKER=kite needs KITE_API_KEY and KITE_API_SECRET (start-up fails without them). BROKER=angel needs the api key,
 * client code, PIN and TOTP secret, but a missing one is logged and shown in readiness and {@code /api/auth/state}
 * instead of failing start-up: a crash loop would only hide the message.
 */
@Singleton
@IfBuildProfile("prod")
public class ProdConfigCheck {

    static final String DEV_ADMIN_KEY = "dev-admin-key";
    static final String DEV_TOKEN_KEY = "ZGV2LW9ubHktdG9rZW4ta2V5LW5vdC1mb3ItcHJvZCE=";
    static final String UNSET = "__unset__";

    private static final Logger LOG = Logger.getLogger(ProdConfigCheck.class);

    /**
     * {@code AUTH_ALLOW_DEMO_SECRETS=true}: ./demo.sh runs the packaged (prod) jars with the documented demo keys
     * against kite-sim; it turns the weak-admin-key refusal into a warning. Never set it in a real deployment.
     */
    @ConfigProperty(name = "auth.allow-demo-secrets", defaultValue = "false")
    boolean allowDemoSecrets;

    void check(@Observes StartupEvent event, AuthConfig config, KiteConfig kite, AngelSecrets angel) {
        if (DEV_ADMIN_KEY.equals(config.adminApiKey()) || config.adminApiKey().length() < 16) {
            if (!allowDemoSecrets) {
                throw new IllegalStateException("ADMIN_API_KEY must be set to a secret of at least 16 characters");
            }
            LOG.warn("ADMIN_API_KEY is a short demo key (AUTH_ALLOW_DEMO_SECRETS=true): fine for the demo, "
                    + "never for a real deployment");
        }
        if (DEV_TOKEN_KEY.equals(config.tokenEncryptionKey().trim())) {
            throw new IllegalStateException(
                    "TOKEN_ENCRYPTION_KEY is the development key; set a real one " + "(openssl rand -base64 32)");
        }
        if (config.broker() == Broker.KITE && (UNSET.equals(kite.apiKey()) || UNSET.equals(kite.apiSecret()))) {
            throw new IllegalStateException(
                    "BROKER=kite needs KITE_API_KEY and KITE_API_SECRET (your Kite Connect app)");
        }
        if (config.broker() == Broker.ANGEL) {
            String problem = angel.resolve().problem();
            if (problem != null) {
                LOG.error(problem + ". auth-service stays up, REQUIRED (CREDENTIALS_MISSING) and not ready, and logs "
                        + "in as soon as the settings are complete (a *_FILE is re-read at every attempt)");
            }
        }
    }
}
