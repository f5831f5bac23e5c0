package io.tickwarden.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A sim's notion of now: the system clock plus an offset that {@code POST /sim/clock} can move, so a test can
 * jump past a token's expiry and watch it end. Every time a sim reads goes through here. A plain class: each sim
 * produces one CDI singleton of it.
 */
public class SimClock {

    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public SimClock() {
        this(Clock.systemUTC());
    }

    public SimClock(Clock base) {
        this.base = base;
    }

    public Instant now() {
        return base.instant().plus(offset.get());
    }

    public LocalDate todayIst() {
        return now().atZone(IST).toLocalDate();
    }

    public Duration offset() {
        return offset.get();
    }

    public void setOffset(Duration newOffset) {
        offset.set(newOffset);
    }

    public void setNow(Instant now) {
        offset.set(Duration.between(base.instant(), now));
    }
}
