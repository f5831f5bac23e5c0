package io.tickwarden.auth.service;

import io.tickwarden.auth.domain.AuthReason;
import io.tickwarden.auth.domain.AuthStatus;
import io.tickwarden.auth.service.angel.AngelSessionKeeper;
import io.tickwarden.kite.TokenCipher;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Operator actions on the token: install one that Kite accepts, or log out at Kite and forget it. */
@Singleton
public class AdminTokens {

    private static final Logger LOG = Logger.getLogger(AdminTokens.class);

    /** Outcome of PUT /api/auth/token. */
    public sealed interface Install {
        record Installed(AuthStatus status) implements Install {}

        record RefusedByKite(String message) implements Install {}

        record KiteUnavailable(String message) implements Install {}

        record StorageUnavailable() implements Install {}

        /** BROKER=angel: auth-service obtains the session itself; an operator cannot install one. */
        record NotWithThisBroker(String message) implements Install {}
    }

    private final KiteGateway kite;
    private final AuthLifecycle lifecycle;
    private final AngelSessionKeeper angel;

    AdminTokens(KiteGateway kite, AuthLifecycle lifecycle, AngelSessionKeeper angel) {
        this.kite = kite;
        this.lifecycle = lifecycle;
        this.angel = angel;
    }

    /** Accepted only if Kite accepts it (GET /user/profile); otherwise nothing changes. */
    public Install install(String accessToken) {
        if (angel.enabled()) {
            return new Install.NotWithThisBroker("BROKER=angel: auth-service logs in to Angel One by itself; "
                    + "POST /api/auth/resume starts a new automatic login");
        }
        return switch (kite.checkProfile(accessToken)) {
            case KiteGateway.ProfileCheck.Rejected r -> new Install.RefusedByKite(r.message());
            case KiteGateway.ProfileCheck.Unavailable u -> new Install.KiteUnavailable(u.message());
            case KiteGateway.ProfileCheck.Accepted a -> {
                try {
                    // Kite's profile names no login time or user id: the token is dated now.
                    yield new Install.Installed(lifecycle.tokenGranted(
                            accessToken, null, a.userName(), null, AuthReason.ADMIN_TOKEN, "ADMIN"));
                } catch (RuntimeException e) {
                    yield new Install.StorageUnavailable();
                }
            }
        };
    }

    /** Logs out at Kite (best effort: an unreachable Kite is reported, the local token is dropped anyway). */
    public AuthStatus logout() {
        if (angel.enabled()) {
            return angel.logout(); // Angel's logout, and no automatic login until POST /api/auth/resume
        }
        AuthStatus status = lifecycle.current();
        String kiteError = null;
        if (status.token() != null && !lifecycle.isPastExpiry(status)) {
            try {
                kiteError = kite.invalidate(lifecycle.openToken(status.token()));
            } catch (TokenCipher.TokenCipherException e) {
                kiteError = "stored token unreadable: " + e.getMessage();
            }
        }
        if (kiteError != null) {
            LOG.warnf("Kite logout failed, forgetting the token anyway: %s", kiteError);
        }
        return lifecycle.loggedOut(kiteError);
    }
}
