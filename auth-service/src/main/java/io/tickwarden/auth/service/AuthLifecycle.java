package io.tickwarden.auth.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.domain.AuthReason;
import io.tickwarden.auth.domain.AuthStatus;
import io.tickwarden.auth.domain.TokenExpiry;
import io.tickwarden.auth.redis.AuthStatePublisher;
import io.tickwarden.auth.redis.TokenStore;
import io.tickwarden.contracts.Ist;
import io.tickwarden.contracts.auth.AuthState;
import io.tickwarden.contracts.auth.AuthStateChanged;
import io.tickwarden.contracts.auth.AuthStateView;
import io.tickwarden.contracts.auth.StoredAccessToken;
import io.tickwarden.kite.TokenCipher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Owns the token's state and is the only code that changes it. Each change is stored (token at
 * {@code auth:token}, snapshot at {@code auth:state}) and published on {@code auth.state}. When Redis is down
 * the change still happens in memory; the snapshot and the unpublished events are written as soon as Redis
 * answers again (see {@link #refreshSnapshot()}), so readers converge.
 *
 * <p>Kite calls happen elsewhere (they are slow); results come in through {@link #applyCheck} and
 * {@link #tokenGranted}, which ignore results about a token that has meanwhile been replaced.
 */
@Singleton
public class AuthLifecycle {

    private static final Logger LOG = Logger.getLogger(AuthLifecycle.class);
    private static final int MAX_UNPUBLISHED = 50;

    private final Clock clock;
    private final TokenStore tokens;
    private final AuthStatePublisher publisher;
    private final MeterRegistry metrics;
    private final TokenExpiry expiry;
    private final BrokerWording wording;

    private volatile AuthStatus status;
    private volatile boolean restored;
    private final Deque<AuthStateChanged> unpublished = new ArrayDeque<>();
    private boolean redisWasDown;

    AuthLifecycle(
            Clock clock, AuthConfig config, TokenStore tokens, AuthStatePublisher publisher, MeterRegistry metrics) {
        this.clock = clock;
        this.tokens = tokens;
        this.publisher = publisher;
        this.metrics = metrics;
        this.expiry = new TokenExpiry(Ist.ZONE, config.dailyExpiry());
        this.wording = new BrokerWording(config, stripSlash(config.publicUrl()) + "/api/auth/login");
        this.status = AuthStatus.initial(clock.instant());
    }

    public AuthStatus current() {
        return status;
    }

    public boolean isRestored() {
        return restored;
    }

    /** Where a human logs in; null with Angel One. */
    public String loginUrl() {
        return wording.loginUrl();
    }

    public BrokerWording wording() {
        return wording;
    }

    /** Decrypts a stored token for a Kite call; the plaintext must go nowhere else. */
    public String openToken(StoredAccessToken token) throws TokenCipher.TokenCipherException {
        return tokens.open(token);
    }

    public boolean isPastExpiry(AuthStatus s) {
        return s.token() != null
                && s.token().expiresAt() != null
                && !clock.instant().isBefore(s.token().expiresAt().toInstant());
    }

    /**
     * Reads the state back from Redis (start-up, or later if Redis was down then). A token that is still before
     * its 06:00 expiry is trusted until the start-up validation says otherwise; no new login is needed.
     *
     * @return false when Redis cannot be read yet
     */
    public synchronized boolean restore() {
        if (restored) {
            return true;
        }
        Optional<AuthStateView> snapshot;
        Optional<StoredAccessToken> stored;
        try {
            snapshot = publisher.readSnapshot();
            stored = loadToken();
        } catch (RuntimeException e) {
            if (!redisWasDown) {
                redisWasDown = true;
                LOG.warnf("Cannot read the auth state from Redis yet (%s); retrying until it answers", e.getMessage());
            }
            return false;
        }
        Instant now = clock.instant();
        String previous = snapshot.map(AuthStateView::state).orElse(null);
        AuthStatus next;
        if (stored.isEmpty()
                && snapshot.isPresent()
                && AuthState.REQUIRED.name().equals(previous)
                && snapshot.get().tokenVersion() == null) {
            AuthStateView v = snapshot.get();
            next = new AuthStatus(
                    AuthState.REQUIRED,
                    reasonOf(v.reason()),
                    v.message(),
                    null,
                    instant(v.stateSince(), now),
                    null,
                    v.lastError(),
                    instant(v.lastErrorAt(), null));
        } else if (stored.isEmpty()) {
            boolean lost = snapshot.map(v -> v.tokenVersion() != null).orElse(false);
            next = new AuthStatus(
                    AuthState.REQUIRED,
                    AuthReason.NO_TOKEN,
                    lost ? wording.tokenGone() : wording.noToken(),
                    null,
                    lost ? now : since(snapshot, now),
                    null,
                    null,
                    null);
        } else {
            StoredAccessToken token = stored.get();
            String unreadable = unreadable(token);
            if (unreadable != null) {
                next = new AuthStatus(
                        AuthState.REQUIRED,
                        AuthReason.TOKEN_UNREADABLE,
                        "The stored token cannot be decrypted (" + unreadable
                                + "): check TOKEN_ENCRYPTION_KEY or log in",
                        null,
                        now,
                        null,
                        null,
                        null);
            } else if (token.expiresAt() != null
                    && !now.isBefore(token.expiresAt().toInstant())) {
                next = new AuthStatus(
                        AuthState.EXPIRED,
                        wording.expiryReason(),
                        wording.expiryMessage(),
                        token,
                        now,
                        null,
                        null,
                        null);
            } else if (snapshot.isPresent()
                    && Objects.equals(snapshot.get().tokenVersion(), token.tokenVersion())
                    && (AuthState.VALID.name().equals(previous)
                            || AuthState.EXPIRED.name().equals(previous))) {
                AuthStateView v = snapshot.get();
                next = new AuthStatus(
                        AuthState.valueOf(v.state()),
                        reasonOf(v.reason()),
                        v.message(),
                        token,
                        instant(v.stateSince(), now),
                        instant(v.lastValidatedAt(), null),
                        v.lastError(),
                        instant(v.lastErrorAt(), null));
            } else {
                next = new AuthStatus(
                        AuthState.VALID, AuthReason.RESTORED, wording.restored(), token, now, null, null, null);
            }
        }
        status = next;
        restored = true;
        LOG.infof(
                "Auth state restored from Redis: %s (%s), token version %s",
                next.state(), next.reason(), next.tokenVersion());
        if (!next.state().name().equals(previous)
                || !Objects.equals(snapshot.map(AuthStateView::tokenVersion).orElse(null), next.tokenVersion())) {
            enqueue(previous == null ? next.state().name() : previous, next, now);
        }
        flush();
        return true;
    }

    /**
     * A new token from Kite (login) or from an operator (PUT): REFRESHING while it is stored, then VALID.
     * Throws when Redis cannot store it; the previous state is then put back.
     */
    public synchronized AuthStatus tokenGranted(
            String accessToken, String userId, String userName, Instant loginTime, AuthReason reason, String source) {
        Instant now = clock.instant();
        Instant login = loginTime == null || loginTime.isAfter(now.plus(Duration.ofMinutes(5))) ? now : loginTime;
        // A login that Kite dates before an 06:00 we have already passed (slow exchange across the boundary, or
        // an operator's token of unknown age) is dated now instead of being stored dead.
        ZonedDateTime expiresAt = expiry.expiresAt(login);
        if (!expiresAt.toInstant().isAfter(now)) {
            expiresAt = expiry.expiresAt(now);
        }
        return store(accessToken, userId, userName, login, expiresAt.toInstant(), reason, source);
    }

    /**
     * BROKER=angel: a session obtained by auth-service itself. {@code credentialJson} is the sealed plaintext
     * (AngelSessionCredential), {@code expiresAt} the JWT's exp (null when the JWT has none).
     */
    public synchronized AuthStatus sessionGranted(
            String credentialJson,
            String clientCode,
            String userName,
            Instant expiresAt,
            AuthReason reason,
            String source) {
        return store(credentialJson, clientCode, userName, clock.instant(), expiresAt, reason, source);
    }

    private AuthStatus store(
            String secret,
            String userId,
            String userName,
            Instant login,
            Instant expiresAt,
            AuthReason reason,
            String source) {
        Instant now = clock.instant();
        long version = tokens.nextVersion(status.tokenVersion());
        StoredAccessToken record = new StoredAccessToken(
                version, tokens.seal(secret, version), userId, userName, ist(login), ist(expiresAt), ist(now), source);
        AuthStatus before = status;
        transition(AuthState.REFRESHING, AuthReason.TOKEN_GRANTED, wording.granted(), before.token());
        try {
            tokens.save(record);
        } catch (RuntimeException e) {
            status = status.withError("Could not store the new token in Redis: " + e.getMessage(), now);
            transition(before.state(), before.reason(), before.message(), before.token());
            throw e;
        }
        status = status.validatedAt(now);
        String who = userId != null ? userId : (userName != null ? userName : "unknown user");
        transition(AuthState.VALID, reason, wording.stored(reason, who, ist(expiresAt)), record);
        return status;
    }

    /** Outcome of a Kite profile check of token {@code version}. */
    public synchronized void applyCheck(long version, KiteGateway.ProfileCheck result, AuthReason rejectReason) {
        if (!Objects.equals(status.tokenVersion(), version)) {
            return; // a newer token arrived while Kite was answering about the old one
        }
        Instant now = clock.instant();
        switch (result) {
            case KiteGateway.ProfileCheck.Accepted accepted -> {
                status = status.validatedAt(now);
                if (status.state() != AuthState.VALID && !isPastExpiry(status)) {
                    transition(AuthState.VALID, AuthReason.TOKEN_ACCEPTED, wording.acceptedAgain(), status.token());
                } else {
                    flush();
                }
            }
            case KiteGateway.ProfileCheck.Rejected rejected -> {
                status = status.validatedAt(now);
                if (status.state() == AuthState.VALID || status.state() == AuthState.REFRESHING) {
                    transition(AuthState.EXPIRED, rejectReason, wording.refused(rejected.message()), status.token());
                } else {
                    flush();
                }
            }
            case KiteGateway.ProfileCheck.Unavailable unavailable -> {
                // Never log a user out because Kite is unreachable: the state stays, the error is reported.
                LOG.warnf("Token check inconclusive, state stays %s: %s", status.state(), unavailable.message());
                status = status.withError(unavailable.message(), now);
                flush();
            }
        }
    }

    /** The stored token of {@code version} cannot be decrypted any more. */
    public synchronized void tokenUnreadable(long version, String why) {
        if (Objects.equals(status.tokenVersion(), version)) {
            transition(
                    AuthState.REQUIRED,
                    AuthReason.TOKEN_UNREADABLE,
                    "The stored token cannot be decrypted (" + why + "): log in",
                    null);
        }
    }

    /** The 06:00 IST rule (Angel: the JWT's exp), decided from the clock alone: no broker call. */
    public synchronized void expireIfDue() {
        if (restored && status.state() != AuthState.EXPIRED && status.token() != null && isPastExpiry(status)) {
            transition(AuthState.EXPIRED, wording.expiryReason(), wording.expiryMessage(), status.token());
        }
    }

    /** DELETE /api/auth/token: the token is gone (broker logout attempted by the caller). */
    public synchronized AuthStatus loggedOut(String brokerError) {
        tokens.delete();
        status = brokerError == null
                ? status.clearErrors()
                : status.withError(wording.logoutFailed(brokerError), clock.instant());
        return required(AuthReason.LOGGED_OUT, wording.loggedOut());
    }

    /** No usable token and none coming without a human (Angel: login refused, settings missing): REQUIRED. */
    public synchronized AuthStatus required(AuthReason reason, String message) {
        tokens.delete();
        transition(AuthState.REQUIRED, reason, message, null);
        return status;
    }

    /** A failure that does not change the state (broker unreachable, a login to retry) shown as last_error. */
    public synchronized void reportError(String message) {
        status = status.withError(message, clock.instant());
        flush();
    }

    /**
     * Rewrites {@code auth:state} (fresh {@code updated_at}), publishes events that Redis missed, and puts the
     * token back if Redis lost its data.
     */
    @Scheduled(every = "${auth.snapshot-refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void refreshSnapshot() {
        if (!restored) {
            return; // TokenValidator retries the restore (and then validates)
        }
        if (flush() && status.token() != null) {
            try {
                tokens.restoreIfMissing(status.token());
            } catch (RuntimeException e) {
                LOG.debugf("Token re-store skipped: %s", e.getMessage());
            }
        }
    }

    public AuthStateView view() {
        if (!restored) {
            // The HTTP server can answer a few milliseconds before the start-up restore (on a worker thread) ran:
            // read the state back now rather than show the provisional default (a no-op once restored, and it
            // simply fails again while Redis is down).
            restore();
        }
        AuthStatus s = status;
        Instant now = clock.instant();
        StoredAccessToken t = s.token();
        Double age = t == null || t.loginTime() == null
                ? null
                : Math.round(Duration.between(t.loginTime().toInstant(), now).toSeconds() / 36.0) / 100.0;
        return new AuthStateView(
                s.state().name(),
                s.state() == AuthState.VALID,
                s.state().requiresLogin(),
                s.reason().name(),
                s.message(),
                t == null ? null : t.userId(),
                t == null ? null : t.userName(),
                t == null ? null : t.loginTime(),
                t == null ? null : t.expiresAt(),
                age,
                ist(s.lastValidatedAt()),
                s.lastError(),
                ist(s.lastErrorAt()),
                s.tokenVersion(),
                ist(s.stateSince()),
                ist(now),
                wording.loginUrl());
    }

    private void transition(AuthState to, AuthReason reason, String message, StoredAccessToken token) {
        AuthStatus previous = status;
        Instant now = clock.instant();
        status = previous.moveTo(to, reason, message, token, now);
        if (previous.state() != to || !Objects.equals(previous.tokenVersion(), status.tokenVersion())) {
            if (to.requiresLogin()) {
                LOG.warnf("Auth state %s -> %s (%s): %s%s", previous.state(), to, reason, message, wording.loginHint());
            } else {
                LOG.infof("Auth state %s -> %s (%s): %s", previous.state(), to, reason, message);
            }
            metrics.counter("auth.state.transitions", "from", previous.state().name(), "to", to.name())
                    .increment();
            enqueue(previous.state().name(), status, now);
        }
        flush();
    }

    private void enqueue(String from, AuthStatus next, Instant at) {
        if (unpublished.size() >= MAX_UNPUBLISHED) {
            unpublished.removeFirst(); // the snapshot carries the truth; keep the newest events
        }
        unpublished.addLast(new AuthStateChanged(
                AuthStateChanged.TYPE,
                from,
                next.state().name(),
                ist(at),
                next.reason().name(),
                next.tokenVersion(),
                next.message()));
    }

    /** Snapshot first, then events: a reader reacting to an event finds the new snapshot already there. */
    private boolean flush() {
        try {
            publisher.writeSnapshot(view());
            while (!unpublished.isEmpty()) {
                publisher.publish(unpublished.peekFirst());
                unpublished.removeFirst();
            }
            if (redisWasDown) {
                redisWasDown = false;
                LOG.info("Redis answers again: auth:state rewritten, missed events published");
            }
            return true;
        } catch (RuntimeException e) {
            if (!redisWasDown) {
                redisWasDown = true;
                LOG.warnf("Redis unavailable, auth state kept in memory and re-published later: %s", e.getMessage());
            }
            return false;
        }
    }

    private Optional<StoredAccessToken> loadToken() {
        try {
            return tokens.load();
        } catch (IllegalStateException e) {
            LOG.warnf("Ignoring the stored token: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private String unreadable(StoredAccessToken token) {
        try {
            tokens.open(token);
            return null;
        } catch (TokenCipher.TokenCipherException e) {
            return e.getMessage();
        }
    }

    private static AuthReason reasonOf(String name) {
        try {
            return AuthReason.valueOf(name);
        } catch (RuntimeException e) {
            return AuthReason.RESTORED;
        }
    }

    private static Instant since(Optional<AuthStateView> snapshot, Instant fallback) {
        return snapshot.map(AuthStateView::stateSince)
                .map(OffsetDateTime::toInstant)
                .orElse(fallback);
    }

    private static Instant instant(OffsetDateTime time, Instant fallback) {
        return time == null ? fallback : time.toInstant();
    }

    static OffsetDateTime ist(Instant instant) {
        return instant == null ? null : instant.atZone(Ist.ZONE).toOffsetDateTime();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
