package io.tickwarden.auth.service;

import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.config.Broker;
import io.tickwarden.auth.domain.AuthReason;
import java.time.OffsetDateTime;

/**
 * What the published states say, per broker: with Kite a human logs in at a URL and the token dies at 06:00 IST;
 * with Angel One auth-service logs in by itself and the session dies at its JWT's {@code exp}. Kept apart so the
 * lifecycle's rules stay the same for both.
 */
public final class BrokerWording {

    private final Broker broker;
    private final String name;
    private final String loginUrl;
    private final String dailyExpiry;

    public BrokerWording(AuthConfig config, String loginUrl) {
        this.broker = config.broker();
        this.name = broker.displayName();
        this.loginUrl = broker == Broker.KITE ? loginUrl : null;
        this.dailyExpiry = config.dailyExpiry().toString();
    }

    public boolean automatic() {
        return broker == Broker.ANGEL;
    }

    /** Where a human logs in; null with Angel One (no browser login). */
    public String loginUrl() {
        return loginUrl;
    }

    /** Appended to a log line when a login is needed. */
    public String loginHint() {
        return automatic() ? "" : ". Log in at " + loginUrl;
    }

    public String tokenGone() {
        return automatic()
                ? "The stored Angel One session is gone from Redis; logging in again"
                : "The stored Kite token is gone from Redis: log in";
    }

    public String noToken() {
        return automatic() ? "No Angel One session stored yet; logging in" : "No Kite access token stored: log in";
    }

    public String restored() {
        return "Token restored from Redis; validating it with " + name;
    }

    public AuthReason expiryReason() {
        return automatic() ? AuthReason.SESSION_EXPIRED : AuthReason.DAILY_EXPIRY;
    }

    public String expiryMessage() {
        return automatic()
                ? "The Angel One session reached its JWT exp; logging in again"
                : "Kite tokens expire at " + dailyExpiry + " IST: log in again";
    }

    public String granted() {
        return "A new " + name + (automatic() ? " session" : " token") + " was granted; storing it";
    }

    public String stored(AuthReason reason, String who, OffsetDateTime expiresAt) {
        String prefix = switch (reason) {
            case ADMIN_TOKEN -> "Token installed by an operator for ";
            case SESSION_REFRESHED -> "Angel One session renewed (generateTokens) for ";
            case AUTO_LOGIN -> "Logged in to Angel One automatically as ";
            default -> "Logged in to " + name + " as ";
        };
        return prefix + who + "; valid until "
                + (expiresAt == null ? "Angel One refuses it (no exp in the JWT)" : expiresAt);
    }

    public String acceptedAgain() {
        return name + " accepts the stored token again";
    }

    public String refused(String detail) {
        return name + " refused the token (" + detail + ")" + (automatic() ? "; logging in again" : ": log in again");
    }

    public String logoutFailed(String error) {
        return name + " logout failed: " + error;
    }

    public String loggedOut() {
        return automatic()
                ? "Logged out by an operator: automatic login paused; POST /api/auth/resume to log in again"
                : "Logged out by an operator: log in to continue";
    }
}
