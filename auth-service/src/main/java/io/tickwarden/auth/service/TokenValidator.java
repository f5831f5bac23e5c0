package io.tickwarden.auth.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.config.Broker;
import io.tickwarden.auth.domain.AuthReason;
import io.tickwarden.auth.domain.AuthStatus;
import io.tickwarden.auth.service.angel.AngelSessionCheck;
import io.tickwarden.kite.TokenCipher;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Checks the stored token against the broker (Kite: {@code GET /user/profile} via kiteconnect; Angel One:
 * getProfile, where {@code AG8001} means refused): at start-up, on demand
 * (POST /api/auth/verify, feed reports, before the pre-open) and periodically. Also applies the 06:00 IST rule
 * from the clock, which needs no Kite call.
 */
@Singleton
public class TokenValidator {

    private final AuthLifecycle lifecycle;
    /** Kite: GET /user/profile; Angel One: getProfile with the session's JWT. */
    private final Function<String, KiteGateway.ProfileCheck> broker;

    private final BackgroundWorker worker;
    private final ReentrantLock inFlight = new ReentrantLock();
    private final AtomicLong completed = new AtomicLong();

    TokenValidator(
            AuthLifecycle lifecycle,
            KiteGateway kite,
            AngelSessionCheck angel,
            BackgroundWorker worker,
            AuthConfig config) {
        this.lifecycle = lifecycle;
        this.broker = config.broker() == Broker.ANGEL ? angel::check : kite::checkProfile;
        this.worker = worker;
    }

    void onStart(@Observes StartupEvent event) {
        // Off the start-up thread: an unreachable Kite must not delay start-up.
        worker.execute(() -> {
            if (lifecycle.restore()) {
                verify(AuthReason.TOKEN_REJECTED);
            }
        });
    }

    /**
     * Validates now. Callers that arrive while a check is running share its result instead of queueing
     * their own Kite call.
     */
    public AuthStatus verify(AuthReason rejectReason) {
        long seen = completed.get();
        inFlight.lock();
        try {
            if (completed.get() != seen) {
                return lifecycle.current();
            }
            lifecycle.expireIfDue();
            AuthStatus status = lifecycle.current();
            if (!lifecycle.isRestored() || status.token() == null || lifecycle.isPastExpiry(status)) {
                return status; // nothing Kite could tell us: no token, or dead by the clock
            }
            long version = status.token().tokenVersion();
            String token;
            try {
                token = lifecycle.openToken(status.token());
            } catch (TokenCipher.TokenCipherException e) {
                lifecycle.tokenUnreadable(version, e.getMessage());
                return lifecycle.current();
            }
            lifecycle.applyCheck(version, broker.apply(token), rejectReason);
            return lifecycle.current();
        } finally {
            completed.incrementAndGet();
            inFlight.unlock();
        }
    }

    /** While a token may still be alive, ask Kite every {@code auth.validation-interval}. */
    @Scheduled(
            every = "${auth.validation-interval}",
            delayed = "${auth.validation-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        AuthStatus status = lifecycle.current();
        if (lifecycle.isRestored() && status.token() != null && !lifecycle.isPastExpiry(status)) {
            verify(AuthReason.TOKEN_REJECTED);
        }
    }

    /**
     * Every second: the 06:00 IST rule; and, if Redis was down at start-up, another try at reading the state
     * back, followed by the start-up validation that could not run then.
     */
    @Scheduled(every = "${auth.expiry-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expiryWatch() {
        if (!lifecycle.isRestored()) {
            if (lifecycle.restore()) {
                worker.execute(() -> verify(AuthReason.TOKEN_REJECTED));
            }
            return;
        }
        lifecycle.expireIfDue();
    }
}
