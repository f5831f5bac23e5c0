package io.tickwarden.auth.service.angel;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.config.Broker;
import io.tickwarden.auth.domain.AngelLoginAttempts;
import io.tickwarden.auth.domain.AngelSessionRules;
import io.tickwarden.auth.domain.AngelSessionRules.Step;
import io.tickwarden.auth.domain.AuthReason;
import io.tickwarden.auth.domain.AuthStatus;
import io.tickwarden.auth.domain.JwtExpiry;
import io.tickwarden.auth.redis.AngelRefreshStore;
import io.tickwarden.auth.service.AuthLifecycle;
import io.tickwarden.contracts.Ist;
import io.tickwarden.contracts.auth.AngelSessionCredential;
import io.tickwarden.contracts.auth.AuthState;
import io.tickwarden.contracts.auth.StoredAccessToken;
import io.tickwarden.kite.TokenCipher;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * BROKER=angel: gets and keeps an Angel One session without a human. Every second it asks
 * {@link AngelSessionRules} what is due (log in, renew, wait, or give up until an operator acts) and does at most one
 * Angel call; the results go into {@link AuthLifecycle}'s usual transitions (REFRESHING then VALID with a new
 * token_version, REQUIRED with a reason), so every other service follows the same states as with Kite.
 *
 * <p>A session the feed reports refused is checked by {@code TokenValidator} (getProfile); {@code AG8001} makes it
 * EXPIRED, and the next step here logs in again. Nothing here runs with BROKER=kite.
 */
@Singleton
public class AngelSessionKeeper {

    private static final Logger LOG = Logger.getLogger(AngelSessionKeeper.class);

    private final boolean enabled;
    private final AuthLifecycle lifecycle;
    private final AngelGateway gateway;
    private final AngelSecrets secrets;
    private final AngelRefreshStore refreshTokens;
    private final AuthConfig.AngelSession settings;
    private final java.time.Clock clock;
    private final MeterRegistry metrics;

    private volatile AngelLoginAttempts attempts = AngelLoginAttempts.NONE;
    private volatile boolean paused;
    private volatile String configProblem;
    private volatile Instant preOpenAhead;
    private boolean started;
    private Instant preOpenRenewed;
    /** The token version whose refresh token is known to be missing or refused: renew it by a login. */
    private Long refreshUnusableFor;

    AngelSessionKeeper(
            AuthConfig config,
            AuthLifecycle lifecycle,
            AngelGateway gateway,
            AngelSecrets secrets,
            AngelRefreshStore refreshTokens,
            java.time.Clock clock,
            MeterRegistry metrics) {
        this.enabled = config.broker() == Broker.ANGEL;
        this.lifecycle = lifecycle;
        this.gateway = gateway;
        this.secrets = secrets;
        this.refreshTokens = refreshTokens;
        this.settings = config.angel();
        this.clock = clock;
        this.metrics = metrics;
    }

    public boolean enabled() {
        return enabled;
    }

    @Scheduled(every = "${auth.expiry-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (enabled) {
            step();
        }
    }

    /** One decision and at most one Angel call. Synchronized: a resume or logout never interleaves with a login. */
    public synchronized void step() {
        AngelSecrets.Resolved resolved = secrets.resolve();
        configProblem = resolved.problem();
        if (!lifecycle.isRestored()) {
            return;
        }
        AuthStatus status = lifecycle.current();
        if (!started) {
            started = true;
            // an operator's logout survives a restart: the session stays off until POST /api/auth/resume
            paused = status.state() == AuthState.REQUIRED && status.reason() == AuthReason.LOGGED_OUT;
        }
        StoredAccessToken token = status.token();
        Instant now = clock.instant();
        AngelSessionRules.Facts facts = new AngelSessionRules.Facts(
                true,
                status.state(),
                instant(token, true),
                instant(token, false),
                token != null && !Objects.equals(refreshUnusableFor, token.tokenVersion()),
                preOpenAhead,
                preOpenAhead != null && preOpenAhead.equals(preOpenRenewed),
                attempts,
                configProblem,
                paused);
        switch (AngelSessionRules.decide(facts, now, settings.renewBefore(), settings.preOpenHorizon())) {
            case Step.Idle idle -> {}
            case Step.Wait wait -> {}
            case Step.Block block -> block(status, block);
            case Step.Refresh refresh -> refresh(token, refresh.why());
            case Step.Login login -> login(resolved.login(), login.why());
        }
    }

    /** From the pre-market reminder: the coming pre-open while inside its window, else null. */
    public void preOpen(Instant preOpen) {
        this.preOpenAhead = preOpen;
    }

    /** What an operator must fix before a login can work (missing setting, secrets refused twice); null if none. */
    public String problem() {
        String missing = configProblem;
        return missing != null ? missing : attempts.stopMessage();
    }

    public AngelLoginAttempts attempts() {
        return attempts;
    }

    public boolean paused() {
        return paused;
    }

    /** POST /api/auth/resume: forget refusals, back-off and a logout; the next step (within a second) logs in. */
    public synchronized void resume() {
        LOG.infof(
                "Automatic Angel One login resumed by an operator (was: %s)",
                paused ? "logged out" : attempts.stopped() ? "stopped after refused logins" : "running");
        attempts = AngelLoginAttempts.NONE;
        paused = false;
        refreshUnusableFor = null;
    }

    /** DELETE /api/auth/token: logout at Angel (best effort), forget the session, pause automatic login. */
    public synchronized AuthStatus logout() {
        paused = true;
        AuthStatus status = lifecycle.current();
        String error = null;
        if (status.token() != null && !lifecycle.isPastExpiry(status)) {
            try {
                AngelSessionCredential credential = AngelCredentialJson.read(lifecycle.openToken(status.token()));
                error = switch (gateway.logout(credential.jwt(), credential.clientCode())) {
                    case AngelResult.Ok<Boolean> ok -> null;
                    case AngelResult.TokenRejected<Boolean> r -> null; // already dead at Angel: the goal is reached
                    case AngelResult.CredentialsRefused<Boolean> r -> r.message();
                    case AngelResult.RateLimited<Boolean> r -> r.message();
                    case AngelResult.Unavailable<Boolean> r -> r.message();
                };
            } catch (TokenCipher.TokenCipherException | IllegalArgumentException e) {
                error = "stored session unreadable: " + e.getMessage();
            }
        }
        if (error != null) {
            LOG.warnf("Angel One logout failed, forgetting the session anyway: %s", error);
        }
        try {
            refreshTokens.delete();
        } catch (RuntimeException e) {
            LOG.debugf("Refresh token not deleted (Redis): %s", e.getMessage());
        }
        return lifecycle.loggedOut(error);
    }

    private void login(AngelSecrets.Login settings, String why) {
        Instant now = clock.instant();
        LOG.infof("Logging in to Angel One as %s (%s)", settings.clientCode(), why);
        AngelResult<AngelResult.Tokens> result = gateway.login(
                settings.clientCode(), settings.pin(), settings.totp().code(now));
        switch (result) {
            case AngelResult.Ok<AngelResult.Tokens> ok ->
                granted(ok.value(), null, AuthReason.AUTO_LOGIN, settings.clientCode(), null, null);
            case AngelResult.CredentialsRefused<AngelResult.Tokens> r -> refused(now, r.message());
            case AngelResult.TokenRejected<AngelResult.Tokens> r -> refused(now, r.message());
            case AngelResult.RateLimited<AngelResult.Tokens> r ->
                failed(now, "Angel One login rate limited", r.message());
            case AngelResult.Unavailable<AngelResult.Tokens> r -> failed(now, "Angel One login failed", r.message());
        }
    }

    private void refresh(StoredAccessToken token, String why) {
        Instant now = clock.instant();
        long version = token.tokenVersion();
        AngelSessionCredential credential;
        Optional<String> refreshToken;
        try {
            credential = AngelCredentialJson.read(lifecycle.openToken(token));
            refreshToken = refreshTokens.load(version);
        } catch (TokenCipher.TokenCipherException | IllegalArgumentException e) {
            refreshUnusableFor = version;
            return;
        } catch (RuntimeException e) {
            failed(now, "Angel One session renewal postponed (Redis unavailable)", e.getMessage());
            return;
        }
        if (refreshToken.isEmpty()) {
            LOG.infof("No refresh token kept for session %s; renewing by a login instead", version);
            refreshUnusableFor = version;
            return;
        }
        LOG.infof("Renewing the Angel One session %s with generateTokens (%s)", version, why);
        switch (gateway.generateTokens(credential.jwt(), refreshToken.get())) {
            case AngelResult.Ok<AngelResult.Tokens> ok ->
                granted(
                        ok.value(),
                        refreshToken.get(),
                        AuthReason.SESSION_REFRESHED,
                        credential.clientCode(),
                        token.userName(),
                        instant(token, true));
            case AngelResult.TokenRejected<AngelResult.Tokens> r -> refreshRefused(version, r.message());
            case AngelResult.CredentialsRefused<AngelResult.Tokens> r -> refreshRefused(version, r.message());
            case AngelResult.RateLimited<AngelResult.Tokens> r ->
                failed(now, "Angel One renewal rate limited", r.message());
            case AngelResult.Unavailable<AngelResult.Tokens> r -> failed(now, "Angel One renewal failed", r.message());
        }
    }

    private void refreshRefused(long version, String message) {
        LOG.infof("Angel One refused the refresh of session %s (%s); logging in instead", version, message);
        refreshUnusableFor = version;
    }

    private void granted(
            AngelResult.Tokens tokens,
            String previousRefreshToken,
            AuthReason reason,
            String clientCode,
            String knownName,
            Instant previousExpiry) {
        Instant now = clock.instant();
        Instant expiresAt = JwtExpiry.expiresAt(tokens.jwt()).orElse(null);
        String name = knownName;
        if (name == null && gateway.profile(tokens.jwt()) instanceof AngelResult.Ok<AngelResult.Profile> profile) {
            name = profile.value().name();
        }
        String credential =
                AngelCredentialJson.write(new AngelSessionCredential(tokens.jwt(), tokens.feedToken(), clientCode));
        AuthStatus stored;
        try {
            stored = lifecycle.sessionGranted(
                    credential,
                    clientCode,
                    name,
                    expiresAt,
                    reason,
                    reason == AuthReason.SESSION_REFRESHED ? "REFRESH" : "LOGIN");
        } catch (RuntimeException e) {
            failed(now, "Angel One session obtained but not stored (Redis unavailable)", e.getMessage());
            return;
        }
        metrics.counter("auth.angel.sessions", "reason", reason.name().toLowerCase())
                .increment();
        attempts = attempts.succeeded();
        preOpenRenewed = preOpenAhead;
        long version = stored.tokenVersion();
        refreshUnusableFor = null;
        String refreshToken = tokens.refreshToken() != null ? tokens.refreshToken() : previousRefreshToken;
        if (expiresAt == null) {
            LOG.warnf("The Angel One JWT carries no exp: the session is kept until Angel refuses it (getProfile)");
        } else if (previousExpiry != null && !expiresAt.isAfter(previousExpiry)) {
            refreshUnusableFor = version; // generateTokens did not extend the session: renew it by a login next time
        }
        if (refreshToken == null) {
            refreshUnusableFor = version;
            return;
        }
        try {
            refreshTokens.save(version, refreshToken, expiresAt);
        } catch (RuntimeException e) {
            refreshUnusableFor = version;
        }
    }

    private void refused(Instant now, String answer) {
        attempts = attempts.refused(now, answer, settings.refusedRetryDelay());
        metrics.counter("auth.angel.logins.refused").increment();
        if (attempts.stopped()) {
            LOG.error(attempts.stopMessage());
            lifecycle.reportError(attempts.stopMessage());
        } else {
            String text = "Angel One refused the login (" + answer + "); one more attempt at "
                    + ist(attempts.nextAttemptAt()) + ", then automatic login stops so the account is not locked";
            LOG.warn(text);
            lifecycle.reportError(text);
        }
    }

    private void failed(Instant now, String what, String detail) {
        attempts = attempts.failed(
                now,
                settings.backoffInitial(),
                settings.backoffMax(),
                ThreadLocalRandom.current().nextDouble());
        String text = what + " (" + detail + "); retrying at " + ist(attempts.nextAttemptAt());
        LOG.warn(text);
        lifecycle.reportError(text);
    }

    private void block(AuthStatus status, Step.Block block) {
        if (status.state() == AuthState.REQUIRED
                && status.reason() == block.reason()
                && Objects.equals(status.message(), block.message())) {
            return;
        }
        try {
            refreshTokens.delete();
            lifecycle.required(block.reason(), block.message());
        } catch (RuntimeException e) {
            LOG.debugf("REQUIRED (%s) not stored yet (Redis): %s", block.reason(), e.getMessage());
        }
    }

    private static Instant instant(StoredAccessToken token, boolean expiry) {
        OffsetDateTime time = token == null ? null : expiry ? token.expiresAt() : token.storedAt();
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime ist(Instant instant) {
        return instant == null ? null : instant.atZone(Ist.ZONE).toOffsetDateTime();
    }
}
