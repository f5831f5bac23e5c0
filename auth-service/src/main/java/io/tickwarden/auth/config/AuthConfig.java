package io.tickwarden.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/** auth-service's own settings (prefix {@code auth}); environment variables in application.properties. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /** BROKER: {@code kite} (a human logs in, the default) or {@code angel} (auth-service logs in by itself). */
    @WithDefault("kite")
    Broker broker();

    /** GATEWAY_URL: where the browser lands after a successful login. */
    String gatewayUrl();

    /** Public base URL of this service, used to tell humans where to click ({@code <public-url>/api/auth/login}). */
    String publicUrl();

    /** ADMIN_API_KEY: bearer key of the admin endpoints. */
    String adminApiKey();

    /** TOKEN_ENCRYPTION_KEY: base64 of 32 random bytes. */
    String tokenEncryptionKey();

    /** How often the token is checked against Kite while VALID. */
    @WithDefault("5m")
    Duration validationInterval();

    /** Kite tokens die at this IST wall-clock time the day after login. */
    @WithDefault("06:00")
    LocalTime dailyExpiry();

    /** How often the state is compared with the clock (06:00 IST rule). */
    @WithDefault("1s")
    Duration expiryCheckInterval();

    /** Lifetime of an anti-forgery login state; a callback after that is refused. */
    @WithDefault("10m")
    Duration loginStateTtl();

    /** Reports from the feed make at most one Kite call per this interval. */
    @WithDefault("5s")
    Duration reportVerifyMinInterval();

    /** How often auth:state is rewritten (updated_at) so readers can detect a stale snapshot. */
    @WithDefault("15s")
    Duration snapshotRefreshInterval();

    /** Back-off bounds for re-subscribing to auth.reports after Redis drops the subscription. */
    @WithDefault("500ms")
    Duration resubscribeInitial();

    @WithDefault("15s")
    Duration resubscribeMax();

    /** Timeout of every Kite REST call. */
    @WithDefault("10s")
    Duration kiteTimeout();

    Reminder reminder();

    /** The automatic Angel One session (BROKER=angel only). */
    AngelSession angel();

    interface AngelSession {

        /** Renew (generateTokens, else login) this long before the JWT's exp, or at half its life if shorter. */
        @WithDefault("1h")
        Duration renewBefore();

        /** Before a pre-open, renew a session that would die within this span after it (a whole trading day). */
        @WithDefault("16h")
        Duration preOpenHorizon();

        /** After a refused login, the one retry waits this long: past the TOTP step, so it sends a new code. */
        @WithDefault("35s")
        Duration refusedRetryDelay();

        /** Back-off of transient failures (unreachable, 5xx, rate limited): doubling from initial to max, jittered. */
        @WithDefault("2s")
        Duration backoffInitial();

        @WithDefault("5m")
        Duration backoffMax();

        /** Timeout of every Angel One REST call. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Reminder {

        /** Exchange whose session snapshot ({@code market:session:<exchange>}) drives the reminder. */
        @WithDefault("NSE")
        String exchange();

        /** The reminder starts this long before PRE_OPEN on a trading day. */
        @WithDefault("30m")
        Duration lead();

        /** How often the reminder condition is evaluated. */
        @WithDefault("30s")
        Duration checkInterval();

        /** While the reminder is active the log instruction is repeated this often. */
        @WithDefault("5m")
        Duration repeat();

        /** Optional webhook that receives a JSON POST (no secrets) when the reminder starts. */
        Optional<String> webhookUrl();

        @WithDefault("5s")
        Duration webhookTimeout();
    }
}
