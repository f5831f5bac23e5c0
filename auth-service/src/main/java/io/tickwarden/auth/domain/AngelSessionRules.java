package io.tickwarden.auth.domain;

import io.tickwarden.contracts.auth.AuthState;
import java.time.Duration;
import java.time.Instant;

/**
 * What to do next about the Angel One session, decided from facts and the current instant alone (no I/O), so every
 * rule can be tested at any moment of the day:
 * <ul>
 *   <li>no live session (none stored, EXPIRED, REQUIRED, or past its JWT {@code exp}): log in, unless the retry
 *       rules say wait or stop;</li>
 *   <li>a live session is renewed when its {@code exp} is near (the smaller of {@code renewBefore} and half its
 *       lifetime, so a short-lived JWT is not renewed in a loop), and once before a pre-open when it would die
 *       within {@code preOpenHorizon} of it (renewing at 08:30 beats losing the feed at 10:12);</li>
 *   <li>a renewal uses {@code generateTokens} while the refresh token is usable, else a full login.</li>
 * </ul>
 */
public final class AngelSessionRules {

    private AngelSessionRules() {}

    /**
     * @param restored         the state has been read back from Redis (before that, nothing is known)
     * @param state            the published state
     * @param expiresAt        the stored session's JWT {@code exp}; null when there is no session or no {@code exp}
     * @param issuedAt         when the stored session was obtained (login or refresh)
     * @param refreshUsable    a refresh token is believed usable for the stored session
     * @param preOpenAhead     the coming pre-open when inside the reminder window, else null
     * @param preOpenRenewed   a renewal was already made for that pre-open
     * @param configProblem    a missing or unreadable setting (what to set); null when complete
     * @param paused           an operator logged out: no automatic login until resumed
     */
    public record Facts(
            boolean restored,
            AuthState state,
            Instant expiresAt,
            Instant issuedAt,
            boolean refreshUsable,
            Instant preOpenAhead,
            boolean preOpenRenewed,
            AngelLoginAttempts attempts,
            String configProblem,
            boolean paused) {}

    public sealed interface Step {
        /** Nothing to do now. */
        record Idle() implements Step {}

        /** Something is due but the retry rules say not before {@code until}. */
        record Wait(Instant until) implements Step {}

        record Refresh(String why) implements Step {}

        record Login(String why) implements Step {}

        /** No login can succeed without a human: the state must be REQUIRED with this reason and message. */
        record Block(AuthReason reason, String message) implements Step {}
    }

    private static final Step IDLE = new Step.Idle();

    public static Step decide(Facts f, Instant now, Duration renewBefore, Duration preOpenHorizon) {
        if (!f.restored() || f.paused() || f.state() == AuthState.REFRESHING) {
            return IDLE; // REFRESHING: a new session is being stored this very moment
        }
        boolean live = f.state() == AuthState.VALID && (f.expiresAt() == null || now.isBefore(f.expiresAt()));
        if (f.configProblem() != null) {
            // a session that still works is used until it dies; then a human must complete the settings
            return live ? IDLE : new Step.Block(AuthReason.CREDENTIALS_MISSING, f.configProblem());
        }
        if (f.attempts().stopped()) {
            return live
                    ? IDLE
                    : new Step.Block(AuthReason.LOGIN_REFUSED, f.attempts().stopMessage());
        }
        String why;
        if (!live) {
            why = f.state() == AuthState.VALID ? "the session reached its JWT exp" : "no valid session";
        } else if (renewalDue(f, now, renewBefore)) {
            why = "the JWT exp is near";
        } else if (preOpenRenewalDue(f, preOpenHorizon)) {
            why = "the session would end within " + preOpenHorizon.toHours() + " h of the pre-open";
        } else {
            return IDLE;
        }
        if (!f.attempts().mayTry(now)) {
            return new Step.Wait(f.attempts().nextAttemptAt());
        }
        return live && f.refreshUsable() ? new Step.Refresh(why) : new Step.Login(why);
    }

    /** When a live session should be renewed: {@code exp} minus the smaller of renewBefore and half its life. */
    public static Instant renewAt(Instant expiresAt, Instant issuedAt, Duration renewBefore) {
        Duration lead = renewBefore;
        if (issuedAt != null && issuedAt.isBefore(expiresAt)) {
            Duration half = Duration.between(issuedAt, expiresAt).dividedBy(2);
            lead = half.compareTo(lead) < 0 ? half : lead;
        }
        return expiresAt.minus(lead);
    }

    private static boolean renewalDue(Facts f, Instant now, Duration renewBefore) {
        return f.expiresAt() != null && !now.isBefore(renewAt(f.expiresAt(), f.issuedAt(), renewBefore));
    }

    private static boolean preOpenRenewalDue(Facts f, Duration horizon) {
        return f.preOpenAhead() != null
                && !f.preOpenRenewed()
                && f.expiresAt() != null
                && f.expiresAt().isBefore(f.preOpenAhead().plus(horizon));
    }
}
