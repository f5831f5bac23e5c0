package io.tickwarden.smartapisim.service;

import io.tickwarden.smartapisim.config.SimConfig;
import io.tickwarden.smartapisim.domain.AngelErrors;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * {@code loginByPassword}: client code, PIN and TOTP against the configured account. The TOTP is checked against the
 * real clock, not the sim clock: the client's authenticator knows nothing of {@code /sim/clock}. Secrets are never
 * logged; failures are counted in the stats.
 */
@Singleton
public class Logins {

    private static final Logger LOG = Logger.getLogger(Logins.class);

    /** The outcome of a login: tokens, or Angel's error code and message. */
    public sealed interface Result {
        record Ok(SessionRegistry.Tokens tokens) implements Result {}

        record Refused(String errorcode, String message) implements Result {}
    }

    private final SimConfig config;
    private final SessionRegistry sessions;
    private final SimStats stats;
    private final Totp totp;
    private final Clock wallClock = Clock.systemUTC();

    Logins(SimConfig config, SessionRegistry sessions, SimStats stats) {
        this.config = config;
        this.sessions = sessions;
        this.stats = stats;
        this.totp = new Totp(config.totpSecret());
    }

    public Result login(String clientCode, String pin, String code) {
        if (clientCode == null || pin == null || code == null || clientCode.isBlank()) {
            return refuse(clientCode, AngelErrors.INVALID_CREDENTIALS, "missing field");
        }
        if (!clientCode.equals(config.clientCode()) || !equal(pin, config.pin())) {
            return refuse(clientCode, AngelErrors.INVALID_CREDENTIALS, "wrong client code or PIN");
        }
        if (!totp.verify(code, wallClock.instant())) {
            return refuse(clientCode, AngelErrors.INVALID_TOTP, "wrong TOTP");
        }
        stats.logins.incrementAndGet();
        LOG.infof("login of %s", clientCode);
        return new Result.Ok(sessions.open(clientCode));
    }

    private Result refuse(String clientCode, AngelErrors.Code error, String why) {
        stats.failedLogins.incrementAndGet();
        LOG.infof("login refused for %s: %s (%s)", clientCode, why, error.errorcode());
        return new Result.Refused(error.errorcode(), error.message());
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
