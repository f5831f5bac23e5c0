package io.tickwarden.testing;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps test classes from straddling 06:00 IST, when Kite (so kite-sim) and auth-service end every access token of
 * the day by the real clock: a class that logged in at 05:59 and reconnects at 06:00 is refused, which is the
 * product working, not a test failing. A class that would start within {@link #WINDOW} before 06:00 IST waits until
 * just after it (at most once a day, a few minutes); no test class runs as long as the window.
 *
 * <p>Registered for every test class of every module through JUnit's extension auto-detection (the parent pom
 * turns it on; {@code META-INF/services} here names this class).
 */
public final class DailyExpiryGuard implements BeforeAllCallback {

    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final LocalTime EXPIRY = LocalTime.of(6, 0);
    /** Longer than any test class runs on a loaded 2-core machine (the longest take about 4 minutes). */
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** How long after 06:00 to resume: the sim and auth-service act on their own timers, a moment late. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();
    private final Clock clock;

    public DailyExpiryGuard() {
        this(Clock.systemUTC());
    }

    DailyExpiryGuard(Clock clock) {
        this.clock = clock;
    }

    /** How long a class starting at {@code now} must wait: zero unless 06:00 IST is less than the window away. */
    static Duration waitBefore(Instant now) {
        ZonedDateTime ist = now.atZone(IST);
        ZonedDateTime next = ist.toLocalDate().atTime(EXPIRY).atZone(IST);
        if (!next.isAfter(ist)) {
            next = next.plusDays(1);
        }
        Duration left = Duration.between(ist, next);
        return left.compareTo(WINDOW) < 0 ? left.plus(MARGIN) : Duration.ZERO;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Instant now = clock.instant();
        Duration wait = waitBefore(now);
        if (wait.isZero()) {
            if (ANNOUNCED.compareAndSet(false, true)) {
                System.out.println("DailyExpiryGuard: on; test classes pause only within " + WINDOW.toMinutes()
                        + " min before 06:00 IST");
            }
            return;
        }
        ANNOUNCED.set(true);
        System.out.printf(
                "DailyExpiryGuard: %s waits %d s for the 06:00 IST token expiry to pass (a test that "
                        + "straddles it sees every token refused)%n",
                context.getDisplayName(), wait.toSeconds());
        Instant resume = now.plus(wait);
        await().atMost(wait.plusSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !clock.instant().isBefore(resume));
    }
}
