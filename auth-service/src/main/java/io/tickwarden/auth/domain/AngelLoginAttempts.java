package io.tickwarden.auth.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The retry rules of Angel One logins, as an immutable value with time passed in.
 * <ul>
 *   <li>A login Angel <em>refuses</em> (wrong PIN, TOTP secret, client code or api key) counts; after
 *       {@link #MAX_REFUSED} in a row the attempts stop for good, because more wrong PINs would lock the account.
 *       A human fixes the secret and resumes (see {@link #NONE}).</li>
 *   <li>A <em>transient</em> failure (unreachable, 5xx, rate limited) says nothing about the secrets: it backs off
 *       exponentially with jitter and never stops. It does not reset the refusal count.</li>
 *   <li>Success resets everything.</li>
 * </ul>
 *
 * @param refusedInARow  consecutive logins Angel refused
 * @param failuresInARow consecutive transient failures since the last success
 * @param nextAttemptAt  no login or refresh before this instant; null = now
 * @param stopMessage    why attempts stopped (what to fix); null while trying
 */
public record AngelLoginAttempts(int refusedInARow, int failuresInARow, Instant nextAttemptAt, String stopMessage) {

    /** Two wrong PINs/TOTPs are already two of the few Angel allows before it locks the account. */
    public static final int MAX_REFUSED = 2;

    /** A fresh start: also what an operator's resume (or a restart) returns to. */
    public static final AngelLoginAttempts NONE = new AngelLoginAttempts(0, 0, null, null);

    public boolean stopped() {
        return stopMessage != null;
    }

    public boolean mayTry(Instant now) {
        return !stopped() && (nextAttemptAt == null || !now.isBefore(nextAttemptAt));
    }

    /**
     * Angel refused the credentials. The retry waits {@code retryDelay} (longer than a TOTP step, so the second try
     * uses a new code: a refusal at a step boundary must not count twice against a right secret).
     */
    public AngelLoginAttempts refused(Instant now, String angelAnswer, Duration retryDelay) {
        int refused = refusedInARow + 1;
        if (refused >= MAX_REFUSED) {
            return new AngelLoginAttempts(refused, failuresInARow, null, stopMessage(refused, angelAnswer));
        }
        return new AngelLoginAttempts(refused, failuresInARow, now.plus(retryDelay), null);
    }

    /**
     * Unreachable, 5xx or rate limited: wait {@code initial * 2^(n-1)} capped at {@code max}, of which a random half
     * ({@code jitter} in [0, 1)) so that replicas or restarts do not retry in step.
     */
    public AngelLoginAttempts failed(Instant now, Duration initial, Duration max, double jitter) {
        int failures = failuresInARow + 1;
        return new AngelLoginAttempts(
                refusedInARow, failures, now.plus(backoff(failures, initial, max, jitter)), stopMessage);
    }

    public AngelLoginAttempts succeeded() {
        return NONE;
    }

    static Duration backoff(int failures, Duration initial, Duration max, double jitter) {
        long base = initial.toMillis();
        for (int i = 1; i < failures && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        double j = Math.max(0, Math.min(jitter, 1));
        return Duration.ofMillis(base / 2 + Math.round(j * (base / 2.0)));
    }

    private static String stopMessage(int refused, String angelAnswer) {
        return "ANGEL_PIN or ANGEL_TOTP_SECRET refused by Angel One " + refused + " times in a row (last answer: "
                + angelAnswer + "). Automatic login stopped so that the account is not locked. Check ANGEL_PIN, "
                + "ANGEL_TOTP_SECRET (and ANGEL_CLIENT_CODE, ANGEL_API_KEY), then POST /api/auth/resume with the "
                + "admin key, or restart auth-service";
    }
}
