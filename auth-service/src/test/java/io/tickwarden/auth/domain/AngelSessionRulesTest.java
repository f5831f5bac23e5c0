package io.tickwarden.auth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tickwarden.auth.domain.AngelSessionRules.Facts;
import io.tickwarden.auth.domain.AngelSessionRules.Step;
import io.tickwarden.contracts.auth.AuthState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The Angel session rules at chosen instants of an IST day. */
class AngelSessionRulesTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final Duration RENEW_BEFORE = Duration.ofHours(1);
    private static final Duration HORIZON = Duration.ofHours(16);
    private static final Duration RETRY = Duration.ofSeconds(35);

    private static Instant ist(String local) {
        return LocalDateTime.parse(local).atZone(IST).toInstant();
    }

    /** A session logged in at 08:12 yesterday that lives 26 h (Angel: 24-28 h). */
    private static final Instant ISSUED = ist("2026-03-02T08:12:00");

    private static final Instant EXP = ist("2026-03-03T10:12:00");

    private static Facts valid(Instant preOpen, boolean renewedForIt, AngelLoginAttempts attempts) {
        return new Facts(true, AuthState.VALID, EXP, ISSUED, true, preOpen, renewedForIt, attempts, null, false);
    }

    private static Facts state(AuthState state, AngelLoginAttempts attempts) {
        return new Facts(
                true,
                state,
                state == AuthState.REQUIRED ? null : EXP,
                ISSUED,
                true,
                null,
                false,
                attempts,
                null,
                false);
    }

    private static Step decide(Facts f, Instant now) {
        return AngelSessionRules.decide(f, now, RENEW_BEFORE, HORIZON);
    }

    @Test
    void noSessionMeansLogIn() {
        assertInstanceOf(Step.Login.class, decide(state(AuthState.REQUIRED, AngelLoginAttempts.NONE), ISSUED));
        // EXPIRED: AG8001 confirmed, or the exp passed: the dead JWT cannot be refreshed, so a full login
        assertInstanceOf(
                Step.Login.class,
                decide(state(AuthState.EXPIRED, AngelLoginAttempts.NONE), ist("2026-03-02T12:00:00")));
    }

    @Test
    void aValidSessionPastItsExpIsLoggedInAgainEvenBeforeTheExpiryWatchMarksIt() {
        assertInstanceOf(Step.Login.class, decide(valid(null, false, AngelLoginAttempts.NONE), EXP.plusSeconds(1)));
    }

    @Test
    void nothingHappensBeforeTheStateIsRestoredOrWhileANewSessionIsStoredOrAfterALogout() {
        Instant now = ist("2026-03-02T12:00:00");
        assertInstanceOf(
                Step.Idle.class,
                decide(
                        new Facts(
                                false,
                                AuthState.REQUIRED,
                                null,
                                null,
                                false,
                                null,
                                false,
                                AngelLoginAttempts.NONE,
                                null,
                                false),
                        now));
        assertInstanceOf(Step.Idle.class, decide(state(AuthState.REFRESHING, AngelLoginAttempts.NONE), now));
        assertInstanceOf(
                Step.Idle.class,
                decide(
                        new Facts(
                                true,
                                AuthState.REQUIRED,
                                null,
                                null,
                                false,
                                null,
                                false,
                                AngelLoginAttempts.NONE,
                                null,
                                true),
                        now));
    }

    @Test
    void aLiveSessionIsRefreshedWhenItsExpIsNear() {
        assertInstanceOf(
                Step.Idle.class, decide(valid(null, false, AngelLoginAttempts.NONE), ist("2026-03-03T09:11:59")));
        assertInstanceOf(
                Step.Refresh.class, decide(valid(null, false, AngelLoginAttempts.NONE), ist("2026-03-03T09:12:00")));
        Facts noRefreshToken =
                new Facts(true, AuthState.VALID, EXP, ISSUED, false, null, false, AngelLoginAttempts.NONE, null, false);
        assertInstanceOf(
                Step.Login.class,
                decide(noRefreshToken, ist("2026-03-03T09:30:00")),
                "refresh token lost or refused: a full login");
    }

    @Test
    void aShortLivedJwtIsRenewedAtHalfItsLifeNotInALoop() {
        Instant issued = ist("2026-03-02T10:00:00");
        Instant exp = issued.plus(Duration.ofMinutes(10));
        assertEquals(issued.plus(Duration.ofMinutes(5)), AngelSessionRules.renewAt(exp, issued, RENEW_BEFORE));
        Facts f =
                new Facts(true, AuthState.VALID, exp, issued, true, null, false, AngelLoginAttempts.NONE, null, false);
        assertInstanceOf(Step.Idle.class, decide(f, issued.plusSeconds(1)), "just renewed: not again");
        assertInstanceOf(Step.Refresh.class, decide(f, issued.plus(Duration.ofMinutes(5))));
    }

    @Test
    void beforeThePreOpenASessionThatWouldDieDuringTheDayIsRenewedOnce() {
        Instant preOpen = ist("2026-03-03T09:00:00");
        Instant window = ist("2026-03-03T08:31:00");
        // 10:12 exp is inside the trading day: renew now rather than lose the feed at 10:12
        assertInstanceOf(Step.Refresh.class, decide(valid(preOpen, false, AngelLoginAttempts.NONE), window));
        assertInstanceOf(
                Step.Idle.class,
                decide(valid(preOpen, true, AngelLoginAttempts.NONE), window),
                "already renewed for this pre-open");
        // a session that outlives the day is left alone
        Facts longLived = new Facts(
                true,
                AuthState.VALID,
                ist("2026-03-04T08:40:00"),
                ist("2026-03-03T06:40:00"),
                true,
                preOpen,
                false,
                AngelLoginAttempts.NONE,
                null,
                false);
        assertInstanceOf(Step.Idle.class, decide(longLived, window));
    }

    @Test
    void refusedLoginsRetryOnceThenBlockWithTheReason() {
        Instant t = ist("2026-03-02T08:00:00");
        AngelLoginAttempts once = AngelLoginAttempts.NONE.refused(t, "Invalid totp", RETRY);
        Step wait = decide(state(AuthState.REQUIRED, once), t.plusSeconds(10));
        assertEquals(new Step.Wait(t.plus(RETRY)), wait);
        assertInstanceOf(Step.Login.class, decide(state(AuthState.REQUIRED, once), t.plus(RETRY)));

        AngelLoginAttempts twice = once.refused(t.plus(RETRY), "Invalid totp", RETRY);
        Step block = decide(state(AuthState.REQUIRED, twice), t.plus(Duration.ofHours(3)));
        Step.Block b = assertInstanceOf(Step.Block.class, block);
        assertEquals(AuthReason.LOGIN_REFUSED, b.reason());
        assertEquals(twice.stopMessage(), b.message());
        assertInstanceOf(Step.Block.class, decide(state(AuthState.EXPIRED, twice), t.plus(Duration.ofHours(3))));
    }

    @Test
    void aSessionThatStillWorksIsUsedUntilItDiesEvenWhenLoginsAreStopped() {
        AngelLoginAttempts stopped =
                AngelLoginAttempts.NONE.refused(ISSUED, "x", RETRY).refused(ISSUED, "x", RETRY);
        assertInstanceOf(Step.Idle.class, decide(valid(null, false, stopped), ist("2026-03-03T09:50:00")));
        assertInstanceOf(Step.Block.class, decide(valid(null, false, stopped), EXP));
    }

    @Test
    void transientFailuresWaitForTheBackoff() {
        Instant t = ist("2026-03-03T09:30:00");
        AngelLoginAttempts failed = AngelLoginAttempts.NONE.failed(t, Duration.ofSeconds(2), Duration.ofMinutes(5), 1);
        assertEquals(new Step.Wait(t.plusSeconds(2)), decide(valid(null, false, failed), t.plusSeconds(1)));
        assertInstanceOf(Step.Refresh.class, decide(valid(null, false, failed), t.plusSeconds(2)));
    }

    @Test
    void missingSettingsBlockOnlyWhenThereIsNoLiveSession() {
        Instant now = ist("2026-03-02T12:00:00");
        Facts missingNoSession = new Facts(
                true,
                AuthState.REQUIRED,
                null,
                null,
                false,
                null,
                false,
                AngelLoginAttempts.NONE,
                "set ANGEL_PIN",
                false);
        Step.Block b = assertInstanceOf(Step.Block.class, decide(missingNoSession, now));
        assertEquals(AuthReason.CREDENTIALS_MISSING, b.reason());
        Facts missingLive = new Facts(
                true, AuthState.VALID, EXP, ISSUED, true, null, false, AngelLoginAttempts.NONE, "set ANGEL_PIN", false);
        assertInstanceOf(Step.Idle.class, decide(missingLive, now));
    }
}
