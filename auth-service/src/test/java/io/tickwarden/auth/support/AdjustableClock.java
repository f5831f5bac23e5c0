package io.tickwarden.auth.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replaces the app's clock in every @QuarkusTest of this module: real time plus an offset the test can move,
 * so "06:00 IST tomorrow" is reachable at once while time keeps flowing.
 */
@Alternative
@Priority(1)
@Singleton
public class AdjustableClock extends Clock {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void jumpTo(Instant target) {
        offset.set(Duration.between(Instant.now(), target));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return IST;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
