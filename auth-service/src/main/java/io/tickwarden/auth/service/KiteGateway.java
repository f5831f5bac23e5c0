package io.tickwarden.auth.service;

import com.zerodhatech.kiteconnect.KiteConnect;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.KiteException;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.NetworkException;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.TokenException;
import com.zerodhatech.models.Profile;
import com.zerodhatech.models.User;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.tickwarden.auth.config.KiteConfig;
import io.tickwarden.auth.domain.TokenExpiry;
import io.tickwarden.contracts.Ist;
import io.tickwarden.kite.KiteRoutes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import org.jboss.logging.Logger;

/**
 * The only place that talks to Kite, through the official kiteconnect client (so it works against real
 * Zerodha as well as kite-sim). Turns kiteconnect's exceptions (KiteException extends Throwable!) into plain
 * outcomes, and keeps the token and api_secret out of every message it returns.
 *
 * <p>Calls are serialised on one client: they are rare (a login a day, a check every few minutes), and one
 * client means one connection pool instead of one per call.
 */
@Startup
@Singleton
public class KiteGateway {

    private static final Logger LOG = Logger.getLogger(KiteGateway.class);

    /** Result of checking a token with GET /user/profile. */
    public sealed interface ProfileCheck {
        record Accepted(String userName) implements ProfileCheck {}

        /** Kite said TokenException: the token is dead. */
        record Rejected(String message) implements ProfileCheck {}

        /** Kite unreachable, 5xx, 429 or an unexpected answer: says nothing about the token. */
        record Unavailable(String message) implements ProfileCheck {}
    }

    /** Result of exchanging a request token with POST /session/token. */
    public sealed interface SessionGrant {
        record Granted(String accessToken, String userId, String userName, Instant loginTime) implements SessionGrant {}

        /** Kite refused the request token (used, expired, forged) or our checksum. */
        record Refused(String message) implements SessionGrant {}

        record Unavailable(String message) implements SessionGrant {}
    }

    private final KiteConfig config;
    private final SecretRedactor redactor;
    private final MeterRegistry metrics;
    private final KiteConnect kite;

    KiteGateway(KiteConfig config, SecretRedactor redactor, MeterRegistry metrics) {
        this.config = config;
        this.redactor = redactor;
        this.metrics = metrics;
        // kiteconnect has no per-client host setting: point its process-global routes first, before any client.
        KiteRoutes.pointAt(config.apiUrl(), config.wsUrl(), config.loginUrl());
        // Its HTTP logging would print Authorization headers and tokens.
        KiteConnect.ENABLE_LOGGING = false;
        this.kite = new KiteConnect(config.apiKey(), false);
        LOG.infof("Kite REST at %s, login at %s, api_key %s", config.apiUrl(), config.loginUrl(), config.apiKey());
    }

    public synchronized ProfileCheck checkProfile(String accessToken) {
        redactor.remember(accessToken);
        kite.setAccessToken(accessToken);
        try {
            Profile profile = kite.getProfile();
            count("profile", "accepted");
            return new ProfileCheck.Accepted(profile == null ? null : profile.userName);
        } catch (TokenException e) {
            count("profile", "rejected");
            return new ProfileCheck.Rejected(describe(e));
        } catch (KiteException e) {
            count("profile", "unavailable");
            return new ProfileCheck.Unavailable(describe(e));
        } catch (Exception e) {
            count("profile", "unavailable");
            return new ProfileCheck.Unavailable(describe(e));
        } finally {
            kite.setAccessToken(null);
        }
    }

    public synchronized SessionGrant exchange(String requestToken) {
        redactor.remember(requestToken);
        try {
            User user = kite.generateSession(requestToken, config.apiSecret());
            if (user == null || user.accessToken == null || user.accessToken.isBlank()) {
                count("session", "unavailable");
                return new SessionGrant.Unavailable("Kite answered the token exchange without an access token");
            }
            redactor.remember(user.accessToken);
            redactor.remember(user.refreshToken);
            redactor.remember(user.publicToken);
            Instant loginTime = user.loginTime == null
                    ? null
                    : TokenExpiry.correctKiteDate(user.loginTime, ZoneId.systemDefault(), Ist.ZONE);
            count("session", "granted");
            return new SessionGrant.Granted(user.accessToken, user.userId, user.userName, loginTime);
        } catch (NetworkException e) {
            count("session", "unavailable");
            return new SessionGrant.Unavailable(describe(e));
        } catch (KiteException e) {
            if (e.code >= 500 || e.code == 429) {
                count("session", "unavailable");
                return new SessionGrant.Unavailable(describe(e));
            }
            count("session", "refused");
            return new SessionGrant.Refused(describe(e));
        } catch (Exception e) {
            count("session", "unavailable");
            return new SessionGrant.Unavailable(describe(e));
        } finally {
            kite.setAccessToken(null);
        }
    }

    /** DELETE /session/token. @return null on success, else a safe error message */
    public synchronized String invalidate(String accessToken) {
        redactor.remember(accessToken);
        kite.setAccessToken(accessToken);
        try {
            kite.invalidateAccessToken();
            count("logout", "ok");
            return null;
        } catch (TokenException e) {
            // Already dead at Kite: the goal of a logout is reached.
            count("logout", "ok");
            return null;
        } catch (KiteException e) {
            count("logout", "failed");
            return describe(e);
        } catch (Exception e) {
            count("logout", "failed");
            return describe(e);
        } finally {
            kite.setAccessToken(null);
        }
    }

    private String describe(KiteException e) {
        // getMessage() is null on KiteException; the public fields carry Kite's answer.
        return redactor.redact("Kite " + e.getClass().getSimpleName() + " (HTTP " + e.code + "): " + e.message);
    }

    private String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return redactor.redact(
                "Kite unreachable or unexpected answer (" + e.getClass().getSimpleName() + message + ")");
    }

    private void count(String operation, String outcome) {
        metrics.counter("auth.kite.calls", "operation", operation, "outcome", outcome)
                .increment();
    }
}
